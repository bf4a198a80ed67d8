/** Saving what an element exports (CSV, GeoJSON, a zipped shapefile) as a file the browser downloads. */

/** Downloads `data` as `name`; text gets a byte-order mark with `bom` (so spreadsheet programs read Chinese). */
export function download(
  name: string,
  data: string | Uint8Array,
  type: string,
  options: { bom?: boolean } = {},
): void {
  const parts: BlobPart[] = options.bom ? ['\ufeff', data as BlobPart] : [data as BlobPart];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
