import type { KernelId } from '../ops';
import { rfc_v1 } from './rfc-v1';
import { rfc_v2 } from './rfc-v2';
import { v4_18 } from './v4-18';
import { v5_5 } from './v5-5';
import { v6_12 } from './v6-12';
import type { Variant } from '../kernel/kernel';

export const VARIANTS: Record<KernelId, Variant> = {
  'v4.18': v4_18,
  'rfc-v1': rfc_v1,
  'rfc-v2': rfc_v2,
  'v5.5': v5_5,
  'v6.12': v6_12,
};
