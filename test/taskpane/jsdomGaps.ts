/**
 * jsdom lacks ResizeObserver, which Fluent's MessageBar uses to decide when to wrap its
 * actions. Every browser Office runs the pane in has it; here a do-nothing one stands in,
 * since layout is not what jsdom tests check.
 */
export function fillJsdomGaps(): void {
  if (typeof globalThis.ResizeObserver === 'undefined') {
    globalThis.ResizeObserver = class {
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    };
  }
}
