// Oxigraph side of tests/scripts/query_oxigraph.sh, and the row normaliser
// both sides go through.
//
//   node oxigraph_query.mjs run DATAFILE OUTDIR QUERYFILE...
//       loads DATAFILE (.ttl or .nt) into an in-memory Oxigraph store once,
//       runs each SELECT query and writes OUTDIR/NAME.csv (NAME = query file
//       name without .rq) in normal form; a query that fails writes
//       OUTDIR/NAME.err instead.
//   node oxigraph_query.mjs normalize IN.csv OUT.csv
//       puts a SPARQL CSV result (e.g. from `dkg query -r csv`) in normal form.
//
// Normal form: the header line, then one line per row, each a JSON array of
// the CSV values (IRIs and literals as plain strings, as SPARQL CSV has
// them), rows sorted. A value that reads as a number is written canonically
// (3, 3.0, 3.0E0 and 3.000 all become 3; -2.5E-1 becomes -0.25; sums are
// rounded to 12 significant digits), because engines print xsd:decimal and
// xsd:double lexical forms differently. Integers written with leading zeros
// ("040", a CAMEO code) are strings and left alone.
// The oxigraph package is found through NODE_PATH or the module folder given
// in DKG_OXIGRAPH_MODULES.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let any = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      any = true;
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (any || field !== '' || row.length) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = '';
      any = false;
    } else {
      field += c;
      any = true;
    }
    i++;
  }
  if (any || field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const LEADING_ZERO = /^[+-]?0\d/;

function normValue(v) {
  if (!NUMBER.test(v) || LEADING_ZERO.test(v)) return v;
  let n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (!Number.isInteger(n) || Math.abs(n) >= 1e15) n = Number(n.toPrecision(12));
  if (Object.is(n, -0)) n = 0;
  return String(n);
}

function normalize(text) {
  const rows = parseCsv(text);
  // Rasqal writes an empty result as a bare line, without the header: an
  // empty result is the empty string in normal form whatever the engine.
  if (rows.length <= 1) return '';
  const header = rows.shift().join(',');
  const lines = rows.map((r) => JSON.stringify(r.map(normValue)));
  lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [header, ...lines].join('\n') + '\n';
}

function loadOxigraph() {
  const req = createRequire(import.meta.url);
  const dirs = [process.env.DKG_OXIGRAPH_MODULES, ...(process.env.NODE_PATH || '').split(':')];
  for (const d of dirs) {
    if (!d) continue;
    try {
      return req(path.join(d, 'oxigraph'));
    } catch (e) {
      if (e.code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
  return req('oxigraph');
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'normalize' && args.length === 2) {
    fs.writeFileSync(args[1], normalize(fs.readFileSync(args[0], 'utf8')));
  } else if (mode === 'run' && args.length >= 3) {
    const [data, outdir, ...queries] = args;
    const oxigraph = loadOxigraph();
    const store = new oxigraph.Store();
    const format = /\.nt$/.test(data) ? 'application/n-triples' : 'text/turtle';
    store.load(fs.readFileSync(data), { format, base_iri: 'file://' + path.resolve(data) });
    for (const q of queries) {
      const name = path.basename(q, '.rq');
      try {
        const csv = store.query(fs.readFileSync(q, 'utf8'), { results_format: 'csv' });
        fs.writeFileSync(path.join(outdir, name + '.csv'), normalize(String(csv)));
      } catch (e) {
        fs.writeFileSync(path.join(outdir, name + '.err'), String(e && e.message ? e.message : e) + '\n');
      }
    }
  } else {
    console.error('usage: oxigraph_query.mjs run DATAFILE OUTDIR QUERYFILE... | normalize IN.csv OUT.csv');
    process.exit(2);
  }
} catch (e) {
  console.error('oxigraph_query: ' + (e && e.message ? e.message : e));
  process.exit(1);
}
