// Object metadata and label selectors. See test/fixtures/api-rules/harness.ts.
import { metadataCases } from './fixtures/api-rules/cases/metadata';
import { describeCases } from './fixtures/api-rules/harness';

describeCases(metadataCases);
