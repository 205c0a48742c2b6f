/** include/uapi/asm-generic/errno-base.h; kernel functions return these negated. */
export const ENOENT = 2;
export const ENXIO = 6;
export const E2BIG = 7;
export const ENOMEM = 12;
export const EBUSY = 16;
export const EEXIST = 17;
export const EINVAL = 22;
export const ERANGE = 34;

const NAMES: Record<number, string> = {
  [ENOENT]: 'ENOENT',
  [ENXIO]: 'ENXIO',
  [E2BIG]: 'E2BIG',
  [ENOMEM]: 'ENOMEM',
  [EBUSY]: 'EBUSY',
  [EEXIST]: 'EEXIST',
  [EINVAL]: 'EINVAL',
  [ERANGE]: 'ERANGE',
};

/** "-22 (EINVAL)" for traces; 0 stays "0". */
export function errStr(ret: number): string {
  if (ret >= 0) return String(ret);
  const name = NAMES[-ret];
  return name ? `${ret} (-${name})` : String(ret);
}
