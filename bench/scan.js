// Scan benchmark: imports a synthetic database of advisories and scans a synthetic lockfile,
// and measures the batched paths against naive ones in the same run. Not a test: it needs a
// few minutes and writes a few hundred megabytes to a temporary folder.
//
// The records are synthesised from the shapes of the real records in test/fixtures/advisories
// (GitHub advisories for npm, PyPA records with GIT ranges and version lists): each copy gets
// its own id, CVE alias, package name, modified time and repository, with a fixed seed, so
// every run builds the same data. Usage:
//
//   npm run bench:scan                          # 100,000 advisories, 10,000 packages
//   npm run bench:scan -- --advisories 20000 --packages 2000 --json
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import { parseOsvText } from '../dist/advisories/parse-record.js';
import { importAdvisories } from '../dist/app/import-advisories.js';
import { scanPath } from '../dist/app/scan.js';
import { CleanupScope } from '../dist/cleanup.js';
import { parsePackageLock } from '../dist/inventory/package-lock.js';
import { collectMatches } from '../dist/match/collect-matches.js';
import {
  advisoriesForPackage,
  aliasGroup,
  countAdvisories,
  upsertAdvisories,
  writeAdvisories,
} from '../dist/store/advisories.js';
import { inTransaction, openStore } from '../dist/store/open-store.js';

const { values: args } = parseArgs({
  options: {
    advisories: { type: 'string', default: '100000' },
    packages: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '20261127' },
    'baseline-records': { type: 'string', default: '5000' },
    runs: { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const ADVISORIES = Number(args.advisories);
const PACKAGES = Number(args.packages);
const BASELINE = Math.min(Number(args['baseline-records']), ADVISORIES);
const RUNS = Number(args.runs);
const log = (line) => process.stderr.write(`${line}\n`);

// mulberry32: a small seeded generator, so the synthetic data is the same on every run.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(Number(args.seed));
const pick = (list) => list[Math.floor(random() * list.length)];

function loadTemplates() {
  const root = fileURLToPath(new URL('../test/fixtures/advisories', import.meta.url));
  const templates = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json'))
        templates.push(JSON.parse(fs.readFileSync(file, 'utf8')));
      else if (/\.ya?ml$/.test(entry.name))
        templates.push(parseYaml(fs.readFileSync(file, 'utf8')));
    }
  };
  walk(root);
  return templates.filter((t) => t.affected?.some((a) => a.package));
}

/** A package name per ecosystem and index; about five advisories name each package. */
const packageCount = Math.max(1, Math.round(ADVISORIES / 5));
const packageName = (ecosystem, k) => (ecosystem === 'npm' ? `bench-pkg-${k}` : `bench-py-${k}`);

function synthesise(templates) {
  const records = [];
  const base = Date.UTC(2015, 0, 1);
  for (let i = 0; i < ADVISORIES; i++) {
    const template = pick(templates);
    const record = JSON.parse(JSON.stringify(template));
    const ecosystem = record.affected.find((a) => a.package).package.ecosystem;
    const k = Math.floor(random() * packageCount);
    const hex = i.toString(36).padStart(12, '0');
    record.id =
      ecosystem === 'npm'
        ? `GHSA-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`
        : `PYSEC-2099-${i}`;
    // One record in ten is another database's record of the previous one's vulnerability,
    // as GHSA and PYSEC records of one CVE are.
    const cve = `CVE-2099-${String(i % 10 === 9 ? i - 1 : i).padStart(6, '0')}`;
    record.aliases = [cve];
    record.modified = new Date(base + Math.floor(random() * 3e11)).toISOString();
    delete record.withdrawn;
    record.affected.forEach((affected, j) => {
      if (affected.package) affected.package.name = packageName(ecosystem, (k + j) % packageCount);
      for (const range of affected.ranges ?? []) {
        if (range.type === 'GIT')
          range.repo = `https://github.com/bench/${packageName(ecosystem, k)}`;
      }
    });
    records.push(record);
  }
  return records;
}

/** 10,000 npm packages: half named by some advisory, half by none; versions 0.0.0 to 9.19.19. */
function lockfile() {
  const packages = { '': { name: 'bench-app', version: '1.0.0' } };
  const offset = Math.floor(random() * packageCount);
  for (let n = 0; n < PACKAGES; n++) {
    // Distinct advisory-named packages: 7919 is prime, so the stride visits each index once.
    const name =
      n % 2 === 0 ? packageName('npm', (n * 7919 + offset) % packageCount) : `clean-pkg-${n}`;
    const version = `${Math.floor(random() * 10)}.${Math.floor(random() * 20)}.${Math.floor(random() * 20)}`;
    packages[`node_modules/${name}`] = { version };
  }
  return JSON.stringify({ name: 'bench-app', lockfileVersion: 3, packages });
}

/**
 * A deflated zip of the files, zip64 end records included (an archive of more than 65,535
 * files needs them, as osv.dev's do). Written here because `zip` takes minutes to add 100,000
 * files from disk, and no dependency of the project writes zips. Needs zlib.crc32 (Node 20.15).
 */
function writeZip(file, files) {
  const fd = fs.openSync(file, 'w');
  const central = [];
  let offset = 0;
  for (const { name, text } of files) {
    const data = Buffer.from(text);
    const deflated = zlib.deflateRawSync(data, { level: 1 });
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    fs.writeSync(fd, Buffer.concat([local, nameBytes, deflated]));
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(45, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(deflated.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + deflated.length;
  }
  const directory = Buffer.concat(central);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(files.length), 24);
  zip64End.writeBigUInt64LE(BigInt(files.length), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeSync(fd, Buffer.concat([directory, zip64End, locator, end]));
  fs.closeSync(fd);
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function withStore(file, fn) {
  const store = await openStore(file);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The scan's matching step as it was before batching: one query per package and per record. */
async function naiveMatch(store, packages) {
  const candidates = [];
  const groups = new Map();
  for (const pkg of packages) {
    const records = await advisoriesForPackage(store, pkg.ecosystem, pkg.name);
    for (const record of records) {
      if (!groups.has(record.id)) groups.set(record.id, await aliasGroup(store, record.id));
    }
    candidates.push({ pkg, records });
  }
  return collectMatches(candidates, groups);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'retrofit-bench-scan-'));
  const scope = new CleanupScope();
  const ctx = (db) => ({ cwd: dir, env: {}, db, scope, progress: () => {} });
  try {
    log(`synthesising ${ADVISORIES} advisories (seed ${args.seed})`);
    const records = synthesise(loadTemplates());
    log('writing them as an osv.dev all.zip');
    writeZip(
      path.join(dir, 'all.zip'),
      records.map((record) => ({ name: `${record.id}.json`, text: JSON.stringify(record) })),
    );
    const lockPath = path.join(dir, 'package-lock.json');
    fs.writeFileSync(lockPath, lockfile());

    // Import: the whole archive through `retrofit advisories import`'s use case.
    const db = path.join(dir, 'bench.db');
    log('importing the archive');
    let start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const report = await importAdvisories(ctx(db), path.join(dir, 'all.zip'));
    const importSeconds = seconds(start);
    const importCpu = process.cpuUsage(cpu);
    const importCpuSeconds = (importCpu.user + importCpu.system) / 1e6;
    if (report.problems.length > 0)
      throw new Error(`import problems: ${JSON.stringify(report.problems[0])}`);

    // Import, same records, parsed the same way, written in batches vs one record at a time.
    const subset = records
      .slice(0, BASELINE)
      .map((r) => ({ source: `${r.id}.json`, text: JSON.stringify(r) }));
    const parse = (item) => {
      const parsed = parseOsvText(item.source, item.text);
      return { record: parsed.record, source: item.source };
    };
    log(`baseline: ${BASELINE} records written one transaction each`);
    start = process.hrtime.bigint();
    await withStore(path.join(dir, 'naive.db'), async (store) => {
      for (const item of subset) await upsertAdvisories(store, [parse(item)]);
    });
    const naiveImportSeconds = seconds(start);
    start = process.hrtime.bigint();
    await withStore(path.join(dir, 'batched.db'), async (store) => {
      for (let i = 0; i < subset.length; i += 1000) {
        const batch = subset.slice(i, i + 1000).map(parse);
        await inTransaction(store, (tx) => writeAdvisories(tx, batch));
      }
    });
    const batchedImportSeconds = seconds(start);

    // Scan with a warm database: one run to warm the page cache and the JIT, then the median.
    log(`scanning ${PACKAGES} packages`);
    await scanPath(ctx(db), lockPath);
    const scanTimes = [];
    let scan;
    const scanCpu = [];
    for (let run = 0; run < RUNS; run++) {
      start = process.hrtime.bigint();
      const before = process.cpuUsage();
      scan = await scanPath(ctx(db), lockPath);
      scanTimes.push(seconds(start));
      const used = process.cpuUsage(before);
      scanCpu.push((used.user + used.system) / 1e6);
    }
    const packages = parsePackageLock(fs.readFileSync(lockPath, 'utf8'), lockPath);
    log('baseline: matching with one query per package and per record');
    const naive = await withStore(db, async (store) => {
      await countAdvisories(store);
      const begin = process.hrtime.bigint();
      const matches = await naiveMatch(store, packages);
      return { seconds: seconds(begin), matches: matches.length };
    });
    const scanSeconds = median(scanTimes);
    if (naive.matches !== scan.findings.length) {
      throw new Error(
        `the two scan paths disagree: ${naive.matches} vs ${scan.findings.length} findings`,
      );
    }

    const result = {
      seed: Number(args.seed),
      advisories: ADVISORIES,
      databaseMegabytes: Number((fs.statSync(db).size / 1024 / 1024).toFixed(1)),
      import: {
        records: report.imported,
        seconds: Number(importSeconds.toFixed(2)),
        recordsPerSecond: Math.round(report.imported / importSeconds),
        cpuSeconds: Number(importCpuSeconds.toFixed(2)),
        recordsPerCpuSecond: Math.round(report.imported / importCpuSeconds),
      },
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
      importBaseline: {
        records: BASELINE,
        oneByOneRecordsPerSecond: Math.round(BASELINE / naiveImportSeconds),
        batchedRecordsPerSecond: Math.round(BASELINE / batchedImportSeconds),
        speedup: Number((naiveImportSeconds / batchedImportSeconds).toFixed(1)),
      },
      scan: {
        packages: scan.summary.packages,
        findings: scan.findings.length,
        affected: scan.summary.affected,
        medianSeconds: Number(scanSeconds.toFixed(3)),
        medianCpuSeconds: Number(median(scanCpu).toFixed(3)),
        runs: scanTimes.map((t) => Number(t.toFixed(3))),
      },
      scanBaseline: {
        naiveMatchSeconds: Number(naive.seconds.toFixed(2)),
        speedup: Number((naive.seconds / scanSeconds).toFixed(1)),
      },
    };
    if (args.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      const r = result;
      process.stdout.write(
        [
          `database: ${r.advisories} advisories, ${r.databaseMegabytes} MB (seed ${r.seed})`,
          `import:   ${r.import.records} records in ${r.import.seconds} s = ${r.import.recordsPerSecond} records/s (zip, parse, validate, store); ${r.import.recordsPerCpuSecond} records per CPU second`,
          `          ${r.importBaseline.records} records: batched ${r.importBaseline.batchedRecordsPerSecond}/s vs one by one ${r.importBaseline.oneByOneRecordsPerSecond}/s = ${r.importBaseline.speedup}x`,
          `scan:     ${r.scan.packages} packages, ${r.scan.findings} findings (${r.scan.affected} affected), median ${r.scan.medianSeconds} s (${r.scan.medianCpuSeconds} s CPU) of ${RUNS} warm runs`,
          `          matching one query per package and record: ${r.scanBaseline.naiveMatchSeconds} s = ${r.scanBaseline.speedup}x the whole batched scan`,
          `load average during the run: ${r.loadAverage.join(', ')} (2 cores)`,
          '',
        ].join('\n'),
      );
    }
  } finally {
    if (args.keep) log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
    scope.disposeAll();
  }
}

await main();
