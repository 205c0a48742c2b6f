import { useMemo } from 'react';
import { SHARE_LINK_LIMIT, shareLinkSize } from '../../links/share-link';
import type { Scenario } from '../../scenario/types';
import { downloadBlob, MIME, scenarioFileText } from './export-files';

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/**
 * Whether a capture, opened as a scenario, fits in a share link (SHARE_LINK_LIMIT); when it
 * does not, the scenario file is what to share, so the dialog offers to save it.
 */
export function CaptureLinkSize({ scenario, step }: { scenario: Scenario; step: number }) {
  const size = useMemo(() => shareLinkSize(scenario, step), [scenario, step]);
  if (size.fits) {
    return (
      <p className="muted" data-testid="capture-link-size">
        Its share link is {kb(size.length)} long, within the {kb(SHARE_LINK_LIMIT)} a link may hold here: Copy link shares it.
      </p>
    );
  }
  return (
    <div className="io-link-too-big" data-testid="capture-link-size">
      <p>
        <strong>Too big for a share link</strong>: its link would be {kb(size.length)} long, more than the {kb(SHARE_LINK_LIMIT)} a link may hold here
        (chat, mail and issue trackers cut long links). Share the scenario file instead.
      </p>
      <button
        type="button"
        onClick={() => downloadBlob(new Blob([scenarioFileText(scenario, scenario.kernel, step)], { type: MIME.scenario }), `hotplug-explorer-capture-${scenario.kernel}-step${step}-scenario.json`)}
      >
        Save as a scenario file
      </button>
    </div>
  );
}
