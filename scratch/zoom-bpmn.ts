import fs from 'node:fs';
import { chromium } from 'playwright-core';
// npx tsx scratch/zoom-bpmn.ts FILE x y w h → /tmp/zoom.png (that part of the diagram at full size)
const [file, x, y, w, h] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: Number(w), height: Number(h) } });
await page.setContent(`<html><body style="margin:0"><div id="c" style="width:${w}px;height:${h}px"></div></body></html>`);
await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/diagram-js.css' });
await page.addStyleTag({ path: 'node_modules/bpmn-js/dist/assets/bpmn-js.css' });
await page.addScriptTag({ path: 'node_modules/bpmn-js/dist/bpmn-viewer.production.min.js' });
await page.evaluate(async ([xml, x, y, w, h]) => {
  const v = new (window as any).BpmnJS({ container: '#c' });
  await v.importXML(xml);
  v.get('canvas').viewbox({ x: Number(x), y: Number(y), width: Number(w), height: Number(h) });
}, [fs.readFileSync(file!, 'utf8'), x, y, w, h]);
await page.screenshot({ path: '/tmp/zoom.png' });
await browser.close();
