/**
 * Text of a file in the encoding it was saved in: a BOM says UTF-8 or UTF-16; otherwise UTF-8 when
 * the bytes are valid UTF-8, else GBK (what Excel on a Chinese Windows saves, and what survey
 * bureaus' DBF files hold). An explicit encoding wins.
 */
export type Encoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

/** The encoding named by a user or a `.cpg` file (`UTF-8`, `65001`, `GBK`, `CP936`, `GB2312`, `GB18030`, …). */
export function parseEncoding(name: string | null | undefined): Encoding | undefined {
  const key = (name ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (['utf8', '65001'].includes(key)) return 'utf-8';
  if (['gbk', 'cp936', '936', 'gb2312', 'gb18030', 'ansi936', 'windows936', 'chinese'].includes(key))
    return 'gbk';
  if (['utf16', 'utf16le'].includes(key)) return 'utf-16le';
  if (key === 'utf16be') return 'utf-16be';
  return undefined;
}

export function decodeText(bytes: Uint8Array, encoding?: Encoding): { text: string; encoding: Encoding } {
  if (!encoding) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) encoding = 'utf-8';
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
    else encoding = isUtf8(bytes) ? 'utf-8' : 'gbk';
  }
  // TextDecoder drops a BOM of its own encoding.
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}

/** True when the bytes decode as UTF-8 without a single error. */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
