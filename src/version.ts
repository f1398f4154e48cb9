// The version retrofit reports in --version and in the documents it writes.
export const RETROFIT_VERSION = '0.1.0';
