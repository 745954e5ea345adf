import { pinyin } from "pinyin-pro";

const COMPOUND_SURNAMES = new Set([
  "欧阳",
  "司马",
  "上官",
  "诸葛",
  "东方",
  "皇甫",
  "尉迟",
  "公孙",
  "慕容",
  "长孙",
  "宇文",
  "司徒",
  "夏侯",
  "轩辕",
  "令狐",
  "端木",
  "独孤",
  "南宫",
  "西门",
  "百里",
  "呼延",
  "赫连",
  "澹台",
  "万俟",
  "闻人",
  "申屠",
  "太史",
  "钟离",
]);

/** Syllables without tone marks, lower case; surname readings where they differ (单 → shan). */
function syllables(text: string, asName: boolean): string[] {
  return pinyin(text, { toneType: "none", type: "array", mode: asName ? "surname" : "normal", nonZh: "consecutive", v: false })
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What search and ordering compare: ASCII, no spaces, ü written v (as pinyin keyboards do). */
export function pinyinKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, (mark) => (mark === "\u0308" ? "\u0308" : ""))
    .normalize("NFC")
    .replace(/ü/g, "v")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export interface NamePinyin {
  /** "Wan Yali": surname, then the given name as one word. */
  display: string;
  /** "wanyali" */
  key: string;
  /** "wan ya li": what lists sort by */
  sortKey: string;
  /** "wyl" */
  initials: string;
}

/** Pinyin of a Chinese personal name, computed when the name is written. */
export function namePinyin(name: string): NamePinyin {
  const trimmed = name.trim();
  const hanOnly = /^[\u3400-\u9fff]+$/.test(trimmed);
  if (!hanOnly) {
    // Names in Latin script (or mixed) are kept as written.
    const words = trimmed.split(/\s+/);
    return { display: trimmed, key: pinyinKey(trimmed), sortKey: words.map(pinyinKey).join(" "), initials: pinyinKey(words.map((w) => w[0] ?? "").join("")) };
  }
  const surnameLength = COMPOUND_SURNAMES.has(trimmed.slice(0, 2)) && trimmed.length > 2 ? 2 : 1;
  // Surname readings for the surname only (单 → shan); pinyin-pro's surname mode would also
  // apply them inside the given name (员 → yun).
  const parts = [...syllables(trimmed.slice(0, surnameLength), true), ...syllables(trimmed.slice(surnameLength), false)];
  const surname = parts.slice(0, surnameLength).join("");
  const given = parts.slice(surnameLength).join("");
  const display = [capitalise(surname), given && capitalise(given)].filter(Boolean).join(" ");
  return {
    display,
    key: pinyinKey(parts.join("")),
    sortKey: parts.map(pinyinKey).join(" "),
    initials: parts.map((s) => pinyinKey(s).charAt(0)).join(""),
  };
}

/** Pinyin of any other text (organisation and honour names), syllables separated by spaces. */
export function textPinyin(text: string): string {
  return syllables(text, false).join(" ");
}

/** True if `key` occurs in the syllables `spaced` ("wan ya li") starting at a syllable. */
export function syllableAligned(spaced: string, key: string): boolean {
  let offset = 0;
  const starts = new Set<number>();
  for (const syllable of spaced.split(" ").filter(Boolean)) {
    starts.add(offset);
    offset += syllable.length;
  }
  const unspaced = spaced.replace(/ /g, "");
  for (let at = unspaced.indexOf(key); at >= 0; at = unspaced.indexOf(key, at + 1)) if (starts.has(at)) return true;
  return false;
}
