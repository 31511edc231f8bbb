import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Alert, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { router } from './routes';

// Shade 8 keeps white text on the primary colour above 4.5:1. Alerts are outlined: the light variant's tinted
// background leaves its title and text below 4.5:1.
const theme = createTheme({
  primaryColor: 'indigo', primaryShade: 8, defaultRadius: 'md',
  components: { Alert: Alert.extend({ defaultProps: { variant: 'outline' } }) },
});
const queries = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queries}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
