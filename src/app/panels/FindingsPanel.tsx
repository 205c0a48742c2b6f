import { memo } from 'react';
import { selAllFindings } from '../../state/selectors';
import { useApp } from '../../state/store-context';
import { FindingsList } from '../../views/findings/FindingsList';

/** Every finding of the run shown. */
export const FindingsPanel = memo(function FindingsPanel() {
  const findings = useApp(selAllFindings);
  return (
    <section className="panel" aria-label="Findings">
      <h3>Findings ({findings.length})</h3>
      <FindingsList findings={findings} />
    </section>
  );
});
