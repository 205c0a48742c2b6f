// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../scenario/default-scenario';
import { encodeLink } from '../../links/share-link';
import { PNG_LINK_KEYWORD, absoluteLink, fragmentOf, linkFromPng, linkFromSvg } from '../../links/image-link';
import { insertPngText } from '../../links/png-text';
import { readSvgLink } from '../../links/svg-link';
import { legendKey } from '../pfn-map/legend-key';
import { basePalette } from '../pfn-map/palette';
import { buildSvg } from './svg-export';

const fragment = encodeLink({ scenario: { ...DEFAULT_SCENARIO, kernel: 'v4.18', cursor: 6 }, kernel: 'v4.18', compare: null, step: 6, view: 'explore' });
const LINK = absoluteLink(fragment, { origin: 'http://localhost:4173', pathname: '/' });

const IOMEM = '00000000-00000fff : Reserved\n00100000-7ffdffff : System RAM\n  01000000-01e01d31 : Kernel code\n';

function svg(over: Partial<Parameters<typeof buildSvg>[0]> = {}): string {
  return buildSvg({
    link: LINK,
    heading: 'HMM <device-private> & "friends"',
    subheading: 'Kernel v4.18 · step 6 of 7',
    picture: { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 800, height: 220 },
    iomemText: IOMEM,
    previousIomemText: '00000000-00000fff : Reserved\n',
    colours: { bg: '#fff', fg: '#000', muted: '#666', accent: '#00f' },
    legend: legendKey(basePalette('light')),
    ...over,
  });
}

describe('SVG export', () => {
  it('carries the legend under the map: every key entry with its swatch, what the colours mean, how numbers are written', () => {
    const doc = new DOMParser().parseFromString(svg(), 'image/svg+xml');
    const legend = doc.querySelector('g#legend');
    expect(legend).not.toBeNull();
    const labels = [...legend!.querySelectorAll('text')].map((t) => t.textContent ?? '');
    for (const k of legendKey(basePalette('light'))) expect(labels).toContain(k.label);
    expect(labels.join(' ')).toMatch(/red is a kernel BUG or a refused step · amber a finding/);
    expect(labels.join(' ')).toMatch(/PFNs in hex \(0x…\)/);
    // the zone swatches are filled with the map's own colours
    const fills = [...legend!.querySelectorAll('rect')].map((r) => r.getAttribute('fill'));
    for (const c of basePalette('light').zones) expect(fills).toContain(c);
    // between the picture and the /proc/iomem text, and inside the picture's width
    const image = doc.querySelector('image')!;
    const imageBottom = Number(image.getAttribute('y')) + Number(image.getAttribute('height'));
    const ys = [...legend!.querySelectorAll('text')].map((t) => Number(t.getAttribute('y')));
    const xs = [...legend!.querySelectorAll('text')].map((t) => Number(t.getAttribute('x')) + (t.textContent?.length ?? 0) * 12 * 0.58);
    expect(Math.min(...ys)).toBeGreaterThan(imageBottom);
    const iomemHeading = [...doc.querySelectorAll('text')].find((t) => t.textContent?.startsWith('/proc/iomem'))!;
    expect(Math.max(...ys)).toBeLessThan(Number(iomemHeading.getAttribute('y')));
    expect(Math.max(...xs)).toBeLessThanOrEqual(Number(doc.documentElement.getAttribute('width')));
  });

  it('is well-formed XML holding the link in title/desc, metadata and an <a href>', () => {
    const text = svg();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.localName).toBe('svg');
    expect(root.querySelector('title')?.textContent).toBe('HMM <device-private> & "friends"');
    expect(root.querySelector('desc')?.textContent).toContain(LINK);
    expect(root.querySelector('metadata')?.textContent).toBe(LINK);
    expect(root.querySelector('a')?.getAttribute('href')).toBe(LINK);
    expect(root.querySelector('a text')?.textContent).toBe('HMM <device-private> & "friends"');
    expect(root.querySelector('image')?.getAttribute('href')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('writes /proc/iomem as text lines, indented by position, new lines marked', () => {
    const doc = new DOMParser().parseFromString(svg(), 'image/svg+xml');
    const texts = Array.from(doc.querySelectorAll('g#iomem-text text')).map((t) => t.textContent);
    expect(texts).toEqual(['00000000-00000fff : Reserved', '+', '00100000-7ffdffff : System RAM', '+', '01000000-01e01d31 : Kernel code']);
    const xs = Array.from(doc.querySelectorAll('g#iomem-text text')).filter((t) => t.textContent !== '+').map((t) => Number(t.getAttribute('x')));
    expect(xs[0]).toBe(xs[1]);
    expect(xs[2]).toBeGreaterThan(xs[1]!);
  });

  it('reads the link back: from metadata, else from the heading link', () => {
    expect(readSvgLink(svg())).toBe(LINK);
    const withoutMetadata = svg().replace(/<metadata[^]*?<\/metadata>/, '');
    expect(withoutMetadata).not.toContain('<metadata');
    expect(readSvgLink(withoutMetadata)).toBe(LINK);
    expect(readSvgLink('<svg xmlns="http://www.w3.org/2000/svg"><a href="https://example.org/#top"><text>x</text></a></svg>')).toBeNull();
  });

  it('leaves a character reference beyond Unicode as written instead of throwing', () => {
    const meta = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg"><metadata id="hotplug-explorer-link">${text}</metadata></svg>`;
    expect(readSvgLink(meta('&#99999999;#v=1&amp;s=x'))).toBe('&#99999999;#v=1&s=x');
    expect(readSvgLink(meta('&#x110000;&#x41;'))).toBe('&#x110000;A');
    expect(linkFromSvg(meta('&#99999999;'), 'map.svg')).toEqual({ ok: false, error: expect.stringMatching(/cannot be opened: This link has no format version/) });
  });

  it('keeps characters XML cannot hold out of the document', () => {
    const text = svg({ heading: 'bad\u0001name', iomemText: '00000000-00000fff : odd\u0007\n' });
    expect(new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror')).toBeNull();
  });
});

describe('opening an exported image', () => {
  it('finds the step and kernel an SVG was made at', () => {
    const read = linkFromSvg(svg(), 'map.svg');
    expect(read).toMatchObject({ ok: true, link: LINK, fragment, kernel: 'v4.18', step: 6 });
  });

  it('finds them in a PNG tEXt chunk', () => {
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
    const read = linkFromPng(insertPngText(png, { [PNG_LINK_KEYWORD]: LINK }), 'map.png');
    expect(read).toMatchObject({ ok: true, kernel: 'v4.18', step: 6, title: DEFAULT_SCENARIO.title });
    const none = linkFromPng(png, 'photo.png');
    expect(none.ok).toBe(false);
    expect(!none.ok && none.error).toMatch(/photo\.png holds no Hotplug Explorer link/);
  });

  it('says what is wrong with a link that cannot be opened', () => {
    const damaged = linkFromSvg(svg({ link: LINK.replace(/s=.*/, 's=garbage') }), 'x.svg');
    expect(!damaged.ok && damaged.error).toMatch(/cannot be opened: The scenario in this link is damaged/);
    expect(linkFromSvg('{"format": 1}', 'x.json')).toEqual({ ok: false, error: 'x.json is not an SVG image (it has no <svg> element).' });
    expect(linkFromPng(new Uint8Array([1, 2, 3]), 'x.png')).toMatchObject({ ok: false, error: expect.stringMatching(/not a PNG/) });
    expect(fragmentOf('http://h/p#v=1')).toBe('#v=1');
    expect(fragmentOf('http://h/p')).toBeNull();
  });
});
