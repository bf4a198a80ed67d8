/** A problem found while reading a file: which file, row or feature, and what is wrong. */
export interface ReadProblem {
  reason: string;
  message: string;
  file?: string;
  /** Spreadsheet row number (the header is row 1). */
  row?: number;
  /** Feature index in a shapefile or GeoJSON (0-based). */
  feature?: number;
  id?: string;
}

/** A file as bytes with its name (the extension says what it is). */
export interface InputFile {
  name: string;
  bytes: Uint8Array;
}
