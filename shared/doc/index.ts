export { DOC_KEYS, SCHEMA_VERSION, MIN_APP_VERSION, type EntityMap } from './keys.ts';
export { readBlueprint, readBlueprintReport, type ReadProblem, type ReadResult } from './read.ts';
export { writeBlueprint, blueprintToDoc } from './write.ts';
export * from './edits/index.ts';
export { migrateDoc, docAccess, MIGRATIONS, type Migration, type MigrationOutcome, type DocAccess } from './migrations.ts';
export { repairDoc } from './repair.ts';
export {
  encodeJourneyFile,
  decodeJourneyFile,
  readJourneyFileHeader,
  JourneyFileError,
  JOURNEY_FILE_FORMAT,
  JOURNEY_FILE_VERSION,
  type JourneyFileHeader,
} from './journey-file.ts';
