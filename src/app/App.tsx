import { useEffect } from 'react';

export function App() {
  // Tests wait on this flag so they never inspect a half-mounted page.
  useEffect(() => {
    document.documentElement.dataset.ready = 'true';
  }, []);

  return (
    <main>
      <h1>Hotplug Explorer</h1>
      <p>
        Hotplug Explorer will simulate Linux memory hotplug step by step: sparsemem sections,
        memory blocks, zones and nodes, and the iomem resource tree, and show how adding and
        removing memory behaves under four kernel versions (v4.18, rfc-v1, rfc-v2 and v5.5).
      </p>
    </main>
  );
}
