// Where each value of a JSON text starts and ends, so a test can feed a vector's
// document exactly as written (`100.0` stays `100.0`, repeated keys stay repeated).

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly members: ReadonlyMap<string, Span>;
  readonly items: readonly Span[];
}

export function spans(text: string): Span {
  let i = 0;
  const space = (): void => {
    while (/\s/.test(text[i] ?? "")) i++;
  };
  const string = (): string => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    return JSON.parse(text.slice(start, ++i)) as string;
  };
  const value = (): Span => {
    space();
    const start = i;
    const members = new Map<string, Span>();
    const items: Span[] = [];
    const open = text[i];
    if (open === "{" || open === "[") {
      i++;
      space();
      if (text[i] === (open === "{" ? "}" : "]")) i++;
      else {
        for (;;) {
          space();
          if (open === "{") {
            const key = string();
            space();
            i++; // ':'
            members.set(key, value());
          } else {
            items.push(value());
          }
          space();
          if (text[i++] !== ",") break;
        }
      }
    } else if (open === '"') {
      string();
    } else {
      while (i < text.length && /[^,\]}\s]/.test(text[i] as string)) i++;
    }
    return { start, end: i, members, items };
  };
  return value();
}
