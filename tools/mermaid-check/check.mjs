// check.mjs checks Mermaid diagrams with Mermaid itself: for each file
// named on the command line (a Markdown file, whose ```mermaid blocks are
// checked, or a .mmd file holding one diagram), it parses every diagram
// with mermaid.parse() and, for gantt charts, asks Mermaid's gantt
// database for the tasks it understood. It prints one JSON object a line
// per diagram:
//
//   {"file":"x.md","block":1,"type":"gantt","title":"...",
//    "tasks":[{"section":"...","name":"...","start":0,"end":2000,"tags":["done"]}]}
//
// Task names are decoded from Mermaid's entity codes ("#58;" is ":"), as
// Mermaid draws them; start and end are milliseconds since the epoch.
// On a diagram Mermaid rejects it prints "FILE: block N: MESSAGE" on
// stderr and exits with status 1; on bad usage, status 2.
//
// Mermaid needs a DOM even to parse (DOMPurify sanitises texts), so a jsdom
// window stands in for the browser's.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node check.mjs FILE.md|FILE.mmd...');
  process.exit(2);
}

// blocks returns the diagrams of a file: the ```mermaid fenced blocks of a
// Markdown file, or the whole of any other file.
function blocks(file, text) {
  if (!/\.(md|markdown)$/i.test(file)) {
    return [text];
  }
  const out = [];
  const re = /^```mermaid[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
  for (let m; (m = re.exec(text)) !== null; ) {
    out.push(m[1]);
  }
  return out;
}

// decode turns Mermaid's encoded entities back into what Mermaid draws.
function decode(s) {
  return s
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (_, name) => {
      const el = dom.window.document.createElement('textarea');
      el.innerHTML = `&${name};`;
      return el.value;
    });
}

let failed = false;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`${file}: ${err.message}`);
    process.exit(2);
  }
  const diagrams = blocks(file, text);
  if (diagrams.length === 0) {
    console.error(`${file}: no mermaid block`);
    failed = true;
  }
  for (const [i, code] of diagrams.entries()) {
    const where = `${file}: block ${i + 1}`;
    try {
      const { diagramType } = await mermaid.parse(code);
      const out = { file, block: i + 1, type: diagramType };
      if (diagramType === 'gantt') {
        const diagram = await mermaid.mermaidAPI.getDiagramFromText(code);
        const db = diagram.db;
        out.title = decode(db.getDiagramTitle());
        out.tasks = db.getTasks().map((t) => {
          if (Number.isNaN(t.startTime.getTime()) || Number.isNaN(t.endTime.getTime())) {
            throw new Error(`task ${JSON.stringify(t.task)}: invalid date`);
          }
          return {
            section: decode(t.section),
            name: decode(t.task.trim()),
            start: t.startTime.getTime(),
            end: t.endTime.getTime(),
            tags: ['active', 'done', 'crit', 'milestone'].filter((k) => t[k]),
          };
        });
      }
      console.log(JSON.stringify(out));
    } catch (err) {
      console.error(`${where}: ${String(err?.message ?? err).split('\n').join('\n  ')}`);
      failed = true;
    }
  }
}
process.exit(failed ? 1 : 0);
