// Reads the files of a zip archive one by one, synchronously, from an open file. Written by
// hand rather than with yauzl because an osv.dev export is hundreds of thousands of small
// files, and yauzl's asynchronous read per central-directory record plus a stream and an
// inflate stream per entry cost more than parsing and storing the records themselves. The
// format (PKWARE APPNOTE 6.3): the end-of-central-directory record (zip64 when the counts or
// offsets overflow) locates the central directory, whose records locate each local file.
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_U16 = 0xffff;
const MAX_U32 = 0xffffffff;

/** The central directory's entries, in archive order. Throws on anything that is not a zip. */
export function listZipEntries(fd: number): ZipEntry[] {
  const size = fs.fstatSync(fd).size;
  const tailLength = Math.min(size, 22 + MAX_U16);
  const tail = read(fd, size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error('end of central directory record signature not found');
  if (tail.readUInt16LE(at + 4) !== 0) throw new Error('multi-disk zip archives are not supported');
  let count = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  if (count === MAX_U16 || cdSize === MAX_U32 || cdOffset === MAX_U32) {
    const locator = at - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== ZIP64_LOCATOR) {
      throw new Error('zip64 end of central directory locator not found');
    }
    const record = read(fd, safe(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new Error('invalid zip64 end record');
    count = safe(record.readBigUInt64LE(32));
    cdSize = safe(record.readBigUInt64LE(40));
    cdOffset = safe(record.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw new Error('the central directory is outside the file');
  const cd = read(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) {
      throw new Error(`invalid central directory record ${n + 1}`);
    }
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      // Bit 11 says UTF-8; otherwise the names are CP437, which is ASCII for OSV ids.
      name: cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLength),
      compressionMethod: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
      encrypted: (flags & 1) !== 0,
    };
    readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The zip64 extra field holds, in this order, whichever of the sizes and offset overflowed. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let q = i + 4;
      const next = () => {
        if (q + 8 > i + 4 + length) throw new Error(`invalid zip64 extra field for ${entry.name}`);
        const value = safe(extra.readBigUInt64LE(q));
        q += 8;
        return value;
      };
      if (entry.uncompressedSize === MAX_U32) entry.uncompressedSize = next();
      if (entry.compressedSize === MAX_U32) entry.compressedSize = next();
      if (entry.localHeaderOffset === MAX_U32) entry.localHeaderOffset = next();
      return;
    }
    i += 4 + length;
  }
}

/**
 * One entry's bytes, inflated. `maxBytes` caps the output, which is what stops a zip bomb
 * whose header lies about its size; the result must match the recorded size.
 */
export function readZipEntry(fd: number, entry: ZipEntry, maxBytes: number): Buffer {
  if (entry.encrypted) throw new Error('the entry is encrypted');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  }
  // One read for the local header, its name and (usually) all the data.
  const slack = 512;
  let chunk = read(fd, entry.localHeaderOffset, 30 + entry.compressedSize + slack, true);
  if (chunk.length < 30 || chunk.readUInt32LE(0) !== LOCAL) {
    throw new Error('no local file header at its offset');
  }
  const start = 30 + chunk.readUInt16LE(26) + chunk.readUInt16LE(28);
  if (start + entry.compressedSize > chunk.length) {
    chunk = read(fd, entry.localHeaderOffset, start + entry.compressedSize);
  }
  const raw = chunk.subarray(start, start + entry.compressedSize);
  const data =
    entry.compressionMethod === 8 ? zlib.inflateRawSync(raw, { maxOutputLength: maxBytes }) : raw;
  if (data.length !== entry.uncompressedSize) {
    throw new Error(`expected ${entry.uncompressedSize} bytes, found ${data.length}`);
  }
  return data;
}

/** `length` bytes at `position`; fewer only at the end of the file when `partial`. */
function read(fd: number, position: number, length: number, partial = false): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  if (done < length && !partial) throw new Error('the archive is cut off');
  return buffer.subarray(0, done);
}

function safe(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('zip offset too large');
  return Number(value);
}
