// Statistics with their denominators, as the server computes them. Every
// role may see this page (researchers see only this and the dashboard counts).
import { api } from '../api';
import { Loaded, PageTitle, useAsync } from '../components';
import { t } from '../i18n';
import { countLabel, ValueView } from '../shared';

export function StatsPage() {
  const state = useAsync(() => api<Record<string, unknown>>('GET', '/stats'), []);
  return (
    <>
      <PageTitle>{t('stats.title')}</PageTitle>
      <p class="muted">{t('stats.intro')}</p>
      <Loaded state={state}>
        {(d) => (
          <div class="stats">
            {Object.entries(d).map(([k, v]) => (
              <section class="panel" key={k} aria-labelledby={`stat-${k}`}>
                <h2 id={`stat-${k}`}>{countLabel(k)}</h2>
                <ValueView value={v} />
              </section>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}
