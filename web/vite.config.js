// Vite build of the two sites: the expert site (index.html) and the admin site (admin/index.html),
// written to ../share/www, which is wholly generated: put extra static files in web/public/.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { fileURLToPath } from 'node:url'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))

// The dev server only falls back to /index.html; send the admin app's history routes to its page.
function adminFallback() {
  return {
    name: 'expertpool-admin-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url || '').split('?')[0]
        if (path === '/admin' || (path.startsWith('/admin/') && !path.includes('.'))) {
          req.url = '/admin/index.html'
        }
        next()
      })
    },
  }
}

export default defineConfig({
  base: '/',
  plugins: [vue(), adminFallback()],
  build: {
    outDir: here('../share/www'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      input: {
        expert: here('index.html'),
        admin: here('admin/index.html'),
      },
    },
  },
  server: {
    // `npm run dev` talks to a running stack; EP_API overrides where it listens.
    proxy: { '/api': process.env.EP_API || 'http://127.0.0.1:8080' },
  },
})
