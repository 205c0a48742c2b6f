import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs: the build serves from any folder of a static host (README, Publish).
  base: './',
  build: {
    target: 'es2022',
    rolldownOptions: {
      // Rolldown's "plugins took N s" advice measures how busy the machine is, not the code;
      // every other warning fails the build (scripts/build-web.mjs).
      checks: { bundlerTimings: false },
      output: {
        // The libraries as chunks of their own, so no chunk passes Vite's 500 kB warning
        // (scripts/check-chunk-sizes.mjs fails the build if one does) and an app update
        // leaves the browser's cached libraries valid.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'd3', test: /node_modules[\\/]d3(-[a-z-]+)?[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  // The engine runs in a module worker; 'es' keeps its imports as real ES modules.
  worker: { format: 'es' },
});
