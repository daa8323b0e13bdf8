// A small user-agent parser: enough to tell support "Chrome 131" and "Windows 10/11" without
// shipping a UA database in the widget.

export interface ParsedUserAgent {
  browser: string;
  os: string;
}

const BROWSERS: Array<[name: string, pattern: RegExp]> = [
  // Order matters: Edge, Opera and Samsung say "Chrome" too, Chrome says "Safari".
  ['Edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['Opera', /(?:OPR|Opera)\/(\d+)/],
  ['Samsung Internet', /SamsungBrowser\/(\d+)/],
  ['Firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /(?:Chrome|CriOS)\/(\d+)/],
  ['Chromium', /Chromium\/(\d+)/],
  ['Safari', /Version\/(\d+)(?:\.\d+)*.*Safari\//],
];

export function parseUserAgent(ua: string): ParsedUserAgent {
  let browser = 'Unknown browser';
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(ua);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  return { browser, os: parseOs(ua) };
}

function parseOs(ua: string): string {
  let match: RegExpExecArray | null;
  if ((match = /Windows NT (\d+\.\d+)/.exec(ua))) {
    // Windows 11 still says NT 10.0; only client hints could tell them apart.
    const versions: Record<string, string> = { '10.0': '10/11', '6.3': '8.1', '6.2': '8', '6.1': '7' };
    return `Windows ${versions[match[1]] ?? match[1]}`;
  }
  if ((match = /(?:iPhone|iPad|iPod).*? OS (\d+)[_.](\d+)/.exec(ua))) return `iOS ${match[1]}.${match[2]}`;
  if ((match = /Android (\d+(?:\.\d+)?)/.exec(ua))) return `Android ${match[1]}`;
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if ((match = /Mac OS X (\d+)[_.](\d+)/.exec(ua))) return `macOS ${match[1]}.${match[2]}`;
  if (/Linux/.test(ua)) return 'Linux';
  return 'Unknown system';
}
