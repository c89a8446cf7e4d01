import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createEvalClient } from '../client/eval-client';
import { openStore, type RunStore } from '../storage/runs';
import './views/evaluate-view';
import './views/history-view';
import './views/run-page';
import './views/suites-view';
import './views/report-import-view';
import './views/compare-view';

type Route = { page: 'evaluate' } | { page: 'history' } | { page: 'suites' } | { page: 'import' } | { page: 'run'; id: string } | { page: 'compare'; base: string; next: string };

function parseRoute(hash: string): Route {
  const [, page, id, other] = hash.replace(/^#/, '').split('/');
  if (page === 'compare' && id && other) return { page: 'compare', base: decodeURIComponent(id), next: decodeURIComponent(other) };
  if (page === 'history') return { page: 'history' };
  if (page === 'suites') return { page: 'suites' };
  if (page === 'import') return { page: 'import' };
  if (page === 'run' && id) return { page: 'run', id: decodeURIComponent(id) };
  return { page: 'evaluate' };
}

/** The app shell: navigation, hash routing, and the two long-lived services (worker client, run store). */
@customElement('tg-app')
export class TgApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; }
    header { display: flex; align-items: center; gap: 2rem; padding: 0.75rem 2rem; background: #16213a; color: #fff; }
    header h1 { font-size: 1.15rem; margin: 0; letter-spacing: 0.02em; }
    header h1 span { color: #8fb8ff; font-weight: 400; }
    nav { display: flex; gap: 0.25rem; }
    nav a { color: #cdd8ee; text-decoration: none; padding: 0.4rem 0.8rem; border-radius: 6px; }
    nav a[aria-current='page'] { background: #2b3a5e; color: #fff; }
    main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
    .fatal { background: #fde8e8; border: 1px solid #e0a0a0; padding: 1rem; border-radius: 8px; }
  `;

  @state() private route: Route = parseRoute(location.hash);
  @state() private store: RunStore | null = null;
  @state() private storeError = '';

  private readonly client = createEvalClient(
    () => new Worker(new URL('../../workers/eval.worker.ts', import.meta.url), { type: 'module' }),
  );

  private readonly onHash = () => { this.route = parseRoute(location.hash); };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    openStore()
      .then(async (store) => {
        // Runs that were going when the page was closed or reloaded cannot finish any more.
        await store.markInterrupted();
        this.store = store;
      })
      .catch((error: Error) => {
        this.storeError = `Stored runs cannot be opened: ${error.message}. Runs made now will not be saved; export them instead.`;
      });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    this.client.dispose();
    super.disconnectedCallback();
  }

  override render() {
    const link = (page: Route['page'], href: string, label: string) =>
      html`<a href=${href} aria-current=${this.route.page === page ? 'page' : nothing}>${label}</a>`;
    return html`
      <header>
        <h1>TrustGrade <span>model trust evaluation</span></h1>
        <nav>
          ${link('evaluate', '#/', 'Evaluate')}
          ${link('history', '#/history', 'Runs')}
          ${link('suites', '#/suites', 'Suites')}
          ${link('import', '#/import', 'Import report')}
        </nav>
      </header>
      <main>
        ${this.storeError ? html`<p class="fatal" role="alert">${this.storeError}</p>` : nothing}
        ${this.renderPage()}
      </main>
    `;
  }

  private renderPage() {
    switch (this.route.page) {
      case 'history':
        return html`<tg-history-view .store=${this.store}></tg-history-view>`;
      case 'suites':
        return html`<tg-suites-view></tg-suites-view>`;
      case 'import':
        return html`<tg-report-import-view .client=${this.client}></tg-report-import-view>`;
      case 'compare':
        return html`<tg-compare-view .store=${this.store} .baseId=${this.route.base} .nextId=${this.route.next}></tg-compare-view>`;
      case 'run':
        return html`<tg-run-page .store=${this.store} .runId=${this.route.id}></tg-run-page>`;
      default:
        return html`<tg-evaluate-view .client=${this.client} .store=${this.store}></tg-evaluate-view>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tg-app': TgApp;
  }
}
