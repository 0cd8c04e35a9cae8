import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { documentDefinition, type DocumentData, type DocumentKind } from './templates.js';

/**
 * Documents the regulations produce (the receipt of acceptance, the Appendix 3 receipt of refusal,
 * the notice of assignment, the reasoned refusal) as PDF files. A leaf: the engine stores them with the instance.
 */
export { refusalGrounds, type DocumentData, type DocumentKind, type ListedDocument } from './templates.js';
export { fromChecklist, housingDocuments, listed } from './housing.js';
export { defaultProvider, hearingActKeys, hearingActs, regulationOf, type HearingAct, type Regulation, type Trilingual } from './acts.js';
export { actServiceBodies, actServiceKeys, serviceBody, type ServiceBodies } from './providers.js';
export { hearingNotificationText, type HearingNoticeData } from './hearingNotice.js';
export type { CommissionDecisionData } from './commissionDecision.js';
export type { InstalmentScheduleData } from './instalmentSchedule.js';
export { privatizationRefusalGrounds, type PrivatizationData } from './privatization.js';
export { dateText, dateTimeText } from './format.js';
export { queueDocument, queueDocuments, queueLists, type HousingQueueData } from './housingQueue.js';
export const documentKinds: readonly DocumentKind[] = ['refusalReceipt', 'assignmentNotice', 'reasonedRefusal', 'acceptanceReceipt', 'hearingNotice', 'housingCenterDenial', 'housingCommissionDecision', 'instalmentSchedule', 'nonComplianceNotice', 'refusalToConsider', 'queueNotification', 'queueRefusal', 'privatizationAgreement', 'transferDeed', 'privatizationRefusal'];

export interface RenderedDocument {
  kind: DocumentKind;
  fileName: string;
  mediaType: 'application/pdf';
  content: Buffer;
  sha256: string;
}

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve(content: Buffer): void; reject(err: Error): void }>();

/** One worker thread renders every PDF; it does not keep the process alive when idle. */
function renderInWorker(definition: Record<string, unknown>): Promise<Buffer> {
  if (!worker) {
    // From source (tests, tsx) the worker must load TypeScript too; built, it is plain JavaScript.
    const fromSource = path.extname(fileURLToPath(import.meta.url)) === '.ts';
    const entry = new URL(`./worker${fromSource ? '.ts' : '.js'}`, import.meta.url).href;
    const boot = fromSource ? "import('tsx/esm/api').then((tsx) => tsx.register())" : 'Promise.resolve()';
    worker = new Worker(`${boot}.then(() => import(${JSON.stringify(entry)}))`, { eval: true });
    worker.on('message', ({ id, content, error }: { id: number; content?: Uint8Array; error?: string }) => {
      const job = pending.get(id);
      pending.delete(id);
      if (pending.size === 0) worker?.unref();
      if (error || !content) job?.reject(new Error(`PDF rendering failed: ${error}`));
      else job?.resolve(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    });
    worker.on('error', (err) => {
      for (const job of pending.values()) job.reject(err);
      pending.clear();
      worker = undefined;
    });
  }
  worker.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, definition });
  });
}

export async function renderDocument(kind: DocumentKind, data: DocumentData): Promise<RenderedDocument> {
  const content = await renderInWorker(documentDefinition(kind, data));
  // The case number keeps its letters (ЦОН-2026-000001): the download sends them as RFC 5987 filename*.
  return { kind, fileName: `${kind}-${data.caseNumber}.pdf`.replace(/[^\p{L}\p{N}.-]+/gu, '_'), mediaType: 'application/pdf', content, sha256: createHash('sha256').update(content).digest('hex') };
}
