// The production approval's comment carries the change review's note; the Slack "approval needed"
// message lists its summary line and each data-loss risk.
import { describe, expect, it } from 'vitest';
import {
  MAX_NOTE_LENGTH,
  formatChangeReviewNote,
  parseChangeReviewNote,
} from '../../../services/notifier/change-review-note.js';
import { formatMessage } from '../../../services/notifier/format-message.js';
import { approvalNeededEvent } from './approval-event.js';

const SUMMARY = 'review: 2 added, 5 modified, 4 replaced, 1 removed; 2 data-loss risk(s)';
const RISKS = [
  'Production-Data DatabaseB269D8BB (AWS::RDS::DBCluster) replaced',
  'Production-Edge UploadsBucket (AWS::S3::Bucket) removed',
];
const BUILD_URL =
  'https://ap-northeast-1.console.aws.amazon.com/codesuite/codebuild/111111111111/projects/Review/build/Review%3Aabc/?region=ap-northeast-1';

function approvalNeeded(customData: string, externalEntityLink?: string): string {
  return approvalNeededEvent({ customData, ...(externalEntityLink ? { externalEntityLink } : {}) });
}

describe('the change review note', () => {
  it('is the summary line and each risk on one line, read back as they were', () => {
    const note = formatChangeReviewNote({ summary: SUMMARY, risks: RISKS });
    expect(note).toBe(`${SUMMARY} | data-loss risk: ${RISKS[0]} | data-loss risk: ${RISKS[1]}`);
    expect(parseChangeReviewNote(`Promote this commit to production? | ${note}`)).toEqual({
      comment: 'Promote this commit to production?',
      note: { summary: SUMMARY, risks: RISKS },
    });
  });

  it('fits an approval comment: risks that do not fit are counted, pointing at the review', () => {
    const many = Array.from({ length: 20 }, (_, i) => `Production-Data Bucket${i} (AWS::S3::Bucket) removed`);
    const note = formatChangeReviewNote({ summary: SUMMARY, risks: many });
    expect(note.length).toBeLessThanOrEqual(MAX_NOTE_LENGTH);
    const { note: parsed } = parseChangeReviewNote(note);
    const listed = parsed!.risks.filter((risk) => risk.startsWith('Production-Data'));
    expect(listed.length).toBeGreaterThan(0);
    expect(parsed!.risks.at(-1)).toBe(`+${20 - listed.length} more data-loss risk(s) in the review`);
    expect(listed).toEqual(many.slice(0, listed.length));
  });

  it('is absent from an ordinary comment', () => {
    expect(parseChangeReviewNote('Promote this commit to production?')).toEqual({
      comment: 'Promote this commit to production?',
    });
  });
});

describe('the Slack "approval needed" message', () => {
  it('carries the summary line, a link to the review and each data-loss risk', () => {
    const customData = `Staging passed. Promote this commit to production? | ${formatChangeReviewNote({ summary: SUMMARY, risks: RISKS })}`;
    const text = formatMessage(undefined, approvalNeeded(customData, BUILD_URL))!;
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^:raising_hand: <.*\|goal-mandala-delivery>: execution .* is waiting for approval before Production \(PromoteToProduction\) — Staging passed\. Promote this commit to production\?$/,
    );
    expect(lines.slice(1)).toEqual([
      `:mag: <${BUILD_URL}|Change review>: ${SUMMARY}`,
      `:warning: data-loss risk: ${RISKS[0]}`,
      `:warning: data-loss risk: ${RISKS[1]}`,
    ]);
  });

  it('says so plainly when the review found nothing', () => {
    const summary = 'review: 0 added, 0 modified, 0 replaced, 0 removed; 0 data-loss risk(s)';
    const text = formatMessage(undefined, approvalNeeded(`Promote? | ${summary}`))!;
    expect(text.split('\n').slice(1)).toEqual([`:mag: Change review: ${summary}`]);
  });
});
