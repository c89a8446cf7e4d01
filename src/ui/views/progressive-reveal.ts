import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterNextFrame, runInSlices } from './frames';

/**
 * Shows a long list one item per frame, so that no single main-thread task draws all of it:
 * `shown` starts at 0 on `restart(total)` and grows by one each frame until it reaches `total`,
 * asking the host to render each time. Before item i appears, the work `prepare(i)` yields (e.g.
 * encoding its pictures) runs in small slices. Stops when the host leaves the page and goes on when
 * it comes back.
 */
export class ProgressiveReveal implements ReactiveController {
  shown = 0;
  private total = 0;
  private generation = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly prepare: (index: number) => Iterable<unknown> = () => []) {
    host.addController(this);
  }

  get done(): boolean {
    return this.shown >= this.total;
  }

  /** Starts over with `total` items, none of them shown yet. */
  restart(total: number): void {
    this.total = total;
    this.shown = 0;
    void this.reveal(++this.generation);
  }

  hostConnected(): void {
    if (!this.done) void this.reveal(++this.generation);
  }

  hostDisconnected(): void {
    this.generation++;
  }

  private async reveal(generation: number): Promise<void> {
    while (generation === this.generation && !this.done) {
      await runInSlices(this.prepare(this.shown));
      await afterNextFrame();
      if (generation !== this.generation) return;
      this.shown++;
      this.host.requestUpdate();
      await this.host.updateComplete;
    }
  }
}
