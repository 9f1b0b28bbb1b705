import './zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import './styles.css';
import { ready } from './i18n/index.ts';
import { AppRoutes } from './app/routes.tsx';
import { registerServiceWorker } from './app/serviceWorker.ts';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

// English, when chosen, is fetched first (Bahasa Indonesia is in this chunk).
void ready.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AppRoutes />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
registerServiceWorker();
