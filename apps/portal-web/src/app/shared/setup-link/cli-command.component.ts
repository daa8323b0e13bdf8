import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/**
 * A shell command in a code block. On narrow screens it wraps only between options (`--email x`
 * stays whole), never inside one; copying it still gives a single line.
 */
@Component({
  selector: 'psl-cli-command',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .part {
      white-space: nowrap;
    }
  `,
  template: `<pre class="code-block"><code>@for (part of parts(); track $index) {<span class="part">{{ part }}</span>{{ $last ? '' : ' ' }}}</code></pre>`,
})
export class CliCommandComponent {
  readonly command = input.required<string>();
  protected readonly parts = computed(() => this.command().split(/ (?=--)/));
}
