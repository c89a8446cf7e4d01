import { defineConfig } from 'vite';
// Cross-origin isolation lets onnxruntime-web use several wasm threads (RECIPE.md).
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  // Every dependency is pre-bundled when the dev server starts: one found later makes Vite reload
  // the page, which would cut short the first run of someone who pressed "Try the demo" at once.
  optimizeDeps: {
    entries: ['index.html', 'workers/*.ts'],
    exclude: ['onnxruntime-web'],
    include: ['onnx-proto', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'idb', 'comlink', 'papaparse', 'zod', 'fflate', 'jpeg-js', 'fast-png', 'lit'],
  },
});
