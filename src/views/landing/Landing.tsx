import { KERNEL_IDS } from '../../engine/ops';
import { LESSONS } from '../../lessons';
import type { Lesson } from '../../lessons/types';
import { kernelTag } from '../common/kernel-name';
import { useApp, useAppStore } from '../../state/store-context';
import { startLesson } from '../../state/open-lesson';
import '../lesson/lesson.css';

/**
 * What a newcomer sees first (the app opened with no link): the guided lessons, and the way
 * into the explorer, which is already running the default scenario below.
 */
export function Landing() {
  const store = useAppStore();
  const setLanding = useApp((s) => s.setLanding);
  const inLesson = useApp((s) => s.lesson !== null);
  const groups = new Map<number, Lesson[]>();
  for (const l of LESSONS) groups.set(l.number, [...(groups.get(l.number) ?? []), l]);
  const openExplorer = () => {
    setLanding(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>('.control-bar button:not(:disabled)')?.focus());
  };
  return (
    <section className="landing" aria-labelledby="landing-title" data-testid="landing">
      <div className="landing-intro">
        <h2 id="landing-title">Learn memory hot-remove by watching the kernel do it</h2>
        <p>
          Each lesson replays a short scenario, step by step, under the kernels of a 2018 linux-mm discussion: v4.18, Oscar Salvador&rsquo;s RFCs, the fixes the review proposed, and v5.5; the last lesson brings the story to today&rsquo;s v6.12. The narration names the kernel functions and links to their source. Before the key steps you predict what will happen, and the simulated kernel grades your answer. The lessons build on each other: they start with what every kernel does alike, reach the flaw the review found in ZONE_DEVICE removal, and let you pick its fix.
        </p>
        <div className="landing-actions">
          <button type="button" className="primary" onClick={() => void startLesson(store, LESSONS[0]!)}>
            Start with lesson 1
          </button>
          <button type="button" onClick={openExplorer}>
            {inLesson ? 'Back to the lesson' : 'Open the explorer'}
          </button>
        </div>
      </div>
      <ol className="lesson-cards">
        {[...groups.entries()].map(([number, parts]) => {
          const first = parts[0]!;
          return (
            <li key={number} className="lesson-card">
              <p className="lesson-kicker">Lesson {number}</p>
              <h3>{first.title}</h3>
              <p className="lesson-summary">{first.summary}</p>
              <ul className="lesson-kernels" aria-label="Kernels shown">
                {KERNEL_IDS.filter((k) => parts.some((p) => p.kernels.includes(k))).map((k) => (
                  <li key={k} className="kernel-chip">
                    {kernelTag(k)}
                  </li>
                ))}
              </ul>
              <div className="lesson-card-actions">
                {parts.map((p) => (
                  <button key={p.id} type="button" className={p === first ? 'primary' : 'secondary'} onClick={() => void startLesson(store, p)}>
                    {p === first ? `Start lesson ${number}${p.part ? `, part ${p.part.index}` : ''}` : `Part ${p.part?.index ?? ''}: ${p.title}`}
                  </button>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
