export { createArchiving, type ArchivePass, type ArchivePeriod, type Archiving, type ArchivingOptions } from './archiving.js';
