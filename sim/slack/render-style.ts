/**
 * Terminal styling for rendered Slack text: ANSI escapes when colour is on, nothing otherwise.
 */
export interface Style {
  bold(s: string): string;
  italic(s: string): string;
  strike(s: string): string;
  dim(s: string): string;
  code(s: string): string;
  link(s: string): string;
  primary(s: string): string;
  danger(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;

export const ansiStyle: Style = {
  bold: wrap(1, 22),
  italic: wrap(3, 23),
  strike: wrap(9, 29),
  dim: wrap(2, 22),
  code: wrap(36, 39),
  link: wrap(4, 24),
  primary: wrap(32, 39),
  danger: wrap(31, 39),
};

const same = (s: string) => s;

/** Plain text: emphasis markers dropped, inline code keeps its backticks. */
export const plainStyle: Style = {
  bold: same,
  italic: same,
  strike: same,
  dim: same,
  code: (s) => `\`${s}\``,
  link: same,
  primary: same,
  danger: same,
};
