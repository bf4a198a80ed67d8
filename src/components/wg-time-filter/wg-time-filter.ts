import { html, css, type PropertyValues } from 'lit';
import type { CSSResultGroup } from 'lit';
import { WgElement } from '../base.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import { WgTimeChangeEvent } from '../../events/wg-time-change.ts';
import type { WgIssueLayer } from '../wg-issue-layer/wg-issue-layer.ts';
import type { WgTrackLayer } from '../wg-track-layer/wg-track-layer.ts';
import { timeOf } from '../../core/time.ts';

/** Months are counted in China Standard Time (UTC+8), where the issues are reported. */
const CST = 8 * 3_600_000;
const MONTH = /^(\d{4})-(\d{2})$/;

/** `YYYY-MM` of a time (ms), in UTC+8. */
export function monthOf(ms: number): string {
  const d = new Date(ms + CST);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The ISO start of a `YYYY-MM` month in UTC+8, and of the month after it. */
export function monthWindow(month: string): { from: string; to: string } {
  const [, y, m] = MONTH.exec(month) ?? [];
  const year = Number(y);
  const next = Number(m) === 12 ? `${year + 1}-01` : `${year}-${String(Number(m) + 1).padStart(2, '0')}`;
  return { from: `${month}-01T00:00:00+08:00`, to: `${next}-01T00:00:00+08:00` };
}

/** Every `YYYY-MM` from `start` to `end`, both included. */
export function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  if (!MONTH.test(start) || !MONTH.test(end)) return out;
  for (let month = start; month <= end && out.length < 1200; month = monthWindow(month).to.slice(0, 7))
    out.push(month);
  return out;
}

/**
 * A month-by-month time control for an issue layer: step, play, or show all time.
 *
 * @tag wg-time-filter
 * @summary Sets an issue layer's `from` / `to` to one month at a time, and plays through the months.
 *
 * @event wg-time-change - The window moved: `detail` is `{ from, to }` (ISO dates; both null for all time).
 *
 * @csspart controls - The row of buttons, slider and month label.
 * @csspart slider - The month slider.
 * @csspart label - The month shown.
 *
 * @cssproperty --wg-panel-background - Background of the control.
 * @cssproperty --wg-panel-color - Text colour of the control.
 */
export class WgTimeFilter extends WgElement {
  static override styles: CSSResultGroup = [
    WgElement.styles,
    css`
      :host {
        display: block;
        font-size: 0.875rem;
        color: var(--wg-panel-color, #1f2933);
      }
      .controls {
        display: flex;
        align-items: center;
        gap: 0.375rem;
        background: var(--wg-panel-background, rgba(255, 255, 255, 0.94));
        border-radius: 6px;
        padding: 0.25rem 0.5rem;
      }
      button {
        font: inherit;
        min-width: 2rem;
        padding: 0.125rem 0.5rem;
        border: 1px solid #cbd2d9;
        border-radius: 4px;
        background: #fff;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: #1f2933;
        color: #fff;
      }
      input {
        flex: 1;
        min-width: 6rem;
      }
      .label {
        min-width: 6.5rem;
        font-variant-numeric: tabular-nums;
        font-weight: 600;
      }
    `,
  ];

  static override properties = {
    for: { reflect: true },
    start: {},
    end: {},
    value: { reflect: true },
    playing: { type: Boolean, reflect: true },
    interval: { type: Number },
    lang: {},
  };

  /** Id of the `<wg-issue-layer>` to filter, or several ids (issue and track layers) separated by spaces. */
  declare for: string | undefined;
  /** First month (`YYYY-MM`); default: the month of the layer's earliest issue. */
  declare start: string | undefined;
  /** Last month (`YYYY-MM`); default: the month of the layer's latest issue. */
  declare end: string | undefined;
  /** The month shown (`YYYY-MM`), or empty for all time. */
  declare value: string;
  /** Whether the control is stepping through the months (it loops at the end). */
  declare playing: boolean;
  /** Milliseconds per month while playing (default 1200). */
  declare interval: number;
  /** UI language; default: the page's. */
  declare lang: string;

  private timer?: ReturnType<typeof setInterval>;
  private dataMonths: string[] = [];

  constructor() {
    super();
    this.value = '';
    this.playing = false;
    this.interval = 1200;
  }

  /** The months the control steps through. */
  get months(): string[] {
    return this.start && this.end ? monthsBetween(this.start, this.end) : this.dataMonths;
  }

  /** Shows the next month (the first after the last, or after all time). */
  next(): void {
    const months = this.months;
    if (!months.length) return;
    const i = months.indexOf(this.value);
    this.value = months[(i + 1) % months.length]!;
  }

  /** Shows the previous month. */
  previous(): void {
    const months = this.months;
    if (!months.length) return;
    const i = months.indexOf(this.value);
    this.value = months[i <= 0 ? months.length - 1 : i - 1]!;
  }

  /** Starts playing month by month. */
  play(): void {
    this.playing = true;
  }

  /** Stops playing, keeping the month shown. */
  pause(): void {
    this.playing = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('wg-layer-change', this.onLayerChange);
    this.readRange();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('wg-layer-change', this.onLayerChange);
    this.stopTimer();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('value') || changed.has('for')) this.apply(changed.has('value'));
    if (changed.has('playing') || changed.has('interval')) {
      this.stopTimer();
      if (this.playing) {
        if (!this.value) this.next();
        this.timer = setInterval(() => this.next(), Math.max(100, this.interval));
      }
    }
  }

  override render() {
    const t = this.t;
    const months = this.months;
    const index = months.indexOf(this.value);
    return html`<div class="controls" part="controls" role="group" aria-label=${t.timeWindow}>
      <button
        type="button"
        aria-pressed=${this.playing ? 'true' : 'false'}
        title=${this.playing ? t.pause : t.play}
        aria-label=${this.playing ? t.pause : t.play}
        @click=${() => (this.playing = !this.playing)}
      >
        ${this.playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        title=${t.previousMonth}
        aria-label=${t.previousMonth}
        @click=${() => this.previous()}
      >
        ‹
      </button>
      <input
        type="range"
        part="slider"
        min="0"
        max=${Math.max(0, months.length - 1)}
        .value=${String(Math.max(0, index))}
        aria-label=${t.timeWindow}
        aria-valuetext=${this.labelText(t)}
        @input=${(e: Event) => (this.value = months[Number((e.target as HTMLInputElement).value)] ?? '')}
      />
      <button type="button" title=${t.nextMonth} aria-label=${t.nextMonth} @click=${() => this.next()}>
        ›
      </button>
      <span class="label" part="label" aria-live="polite">${this.labelText(t)}</span>
      <button
        type="button"
        aria-pressed=${this.value ? 'false' : 'true'}
        @click=${() => {
          this.playing = false;
          this.value = '';
        }}
      >
        ${t.allTime}
      </button>
    </div>`;
  }

  private get t(): Messages {
    return messages(this.lang || document.documentElement.lang);
  }

  private labelText(t: Messages): string {
    const [, y, m] = MONTH.exec(this.value) ?? [];
    return y ? t.month(Number(y), Number(m)) : t.allTime;
  }

  /** The issue and track layers named by `for` (ids separated by spaces). */
  private targets(): Array<WgIssueLayer | WgTrackLayer> {
    return (this.for ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id))
      .filter(
        (el): el is WgIssueLayer | WgTrackLayer =>
          el?.localName === 'wg-issue-layer' || el?.localName === 'wg-track-layer',
      );
  }

  private apply(fire: boolean) {
    const window = this.value && MONTH.test(this.value) ? monthWindow(this.value) : null;
    for (const layer of this.targets()) {
      layer.from = window?.from;
      layer.to = window?.to;
    }
    if (fire) this.dispatchEvent(new WgTimeChangeEvent(window?.from ?? null, window?.to ?? null));
  }

  private readRange() {
    const layers = this.targets();
    if (!layers.length) return;
    let min = Infinity;
    let max = -Infinity;
    for (const layer of layers) {
      if (layer.localName === 'wg-track-layer') {
        const range = (layer as WgTrackLayer).timeRange;
        if (range) {
          min = Math.min(min, range[0]);
          max = Math.max(max, range[1]);
        }
        continue;
      }
      for (const issue of ((layer as WgIssueLayer).data?.features ?? []) as {
        properties?: { requested_datetime?: string };
      }[]) {
        const t = timeOf(issue.properties?.requested_datetime);
        if (t < min) min = t;
        if (t > max) max = t;
      }
    }
    const months = Number.isFinite(min) ? monthsBetween(monthOf(min), monthOf(max)) : [];
    if (months.join() !== this.dataMonths.join()) {
      this.dataMonths = months;
      this.requestUpdate();
    }
  }

  private onLayerChange = (event: Event) => {
    if (this.targets().includes(event.target as WgIssueLayer)) this.readRange();
  };

  private stopTimer() {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'wg-time-filter': WgTimeFilter;
  }
}
