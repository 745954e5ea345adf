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

/** Han characters, the supplementary blocks and 〇 included. */
const HAN = /\p{Script=Han}/u;
const STARTS_HAN = /^\p{Script=Han}/u;
/** The dots between the parts of a transliterated name (阿依古丽·买买提): middle dot, katakana middle dot, bullet, hyphenation point (after NFKC, which makes a full-width full stop "."). */
const DOTS = "\\u00b7\\u30fb\\u2022\\u2027";
const NAME_DOTS = new RegExp(`[${DOTS}.]+`, "u");
/** Space, and those dots but the full stop (J.K.), at either end of a name: they join nothing. */
const EDGE_DOTS = new RegExp(`^[${DOTS}\\s]+|[${DOTS}\\s]+$`, "gu");

/** Runs of Han characters and runs of anything else, in order ("王刚Jr." → 王刚, Jr.). */
const SCRIPT_RUNS = /\p{Script=Han}+|\P{Script=Han}+/gu;

/** Words of a name part: a run of Han characters is one word of syllables, any other run a word as written. */
function wordsOf(text: string): string[][] {
  return (text.match(SCRIPT_RUNS) ?? []).map((run) => (HAN.test(run) ? syllables(run, false) : [run])).filter((word) => word.length > 0);
}

/** Pinyin of a Chinese personal name, computed when the name is written. */
export function namePinyin(name: string): NamePinyin {
  // Compatibility forms as their plain ones: full-width letters and digits, the ideographic space.
  const trimmed = name.normalize("NFKC").replace(EDGE_DOTS, "");
  if (!HAN.test(trimmed)) {
    // Names in Latin script are kept as written.
    const words = trimmed.split(/\s+/);
    return { display: trimmed, key: pinyinKey(trimmed), sortKey: words.map(pinyinKey).join(" "), initials: pinyinKey(words.map((w) => w[0] ?? "").join("")) };
  }
  const parts = trimmed.split(NAME_DOTS).filter(Boolean);
  if (parts.length > 1 || !STARTS_HAN.test(trimmed)) {
    // A transliterated name (阿依古丽·买买提 → Ayiguli Maimaiti), or one that does not start with a
    // Chinese surname: each part a word, no surname reading.
    return spelled(parts.flatMap((part) => part.split(/\s+/)).flatMap(wordsOf));
  }
  // Spaces inside a Chinese name only pad it (张 扬娣, 王 刚 with an ideographic space, in an aligned list).
  // By character, not UTF-16 unit: a surname may lie outside the basic block.
  const chars = Array.from(trimmed.replace(/\s+/gu, ""));
  const surnameLength = COMPOUND_SURNAMES.has(chars.slice(0, 2).join("")) && chars.length > 2 ? 2 : 1;
  // Surname readings for the surname only (单 → shan); pinyin-pro's surname mode would also
  // apply them inside the given name (员 → yun). Letters after it are words of their own (王刚Jr.).
  const surname = syllables(chars.slice(0, surnameLength).join(""), true);
  return spelled([surname, ...wordsOf(chars.slice(surnameLength).join(""))]);
}

/** A name written as words of syllables: each word capitalised as one ("Wan Yali"), the keys by syllable. */
function spelled(words: string[][]): NamePinyin {
  const all = words.flat().map(pinyinKey).filter(Boolean);
  return {
    display: words.map((word) => capitalise(word.join(""))).join(" "),
    key: all.join(""),
    sortKey: all.join(" "),
    initials: all.map((s) => s.charAt(0)).join(""),
  };
}

/** The person's columns derived from the name (personPinyinColumns). */
export const PERSON_PINYIN_COLUMNS = ["namePinyin", "namePinyinKey", "nameSortKey", "nameInitials"] as const;

/** A person's pinyin columns as every write stores them (the Person entity's hook; `npm run pinyin:refresh`). */
export function personPinyinColumns(name: string): Record<(typeof PERSON_PINYIN_COLUMNS)[number], string> {
  const pinyin = namePinyin(name);
  return { namePinyin: pinyin.display, namePinyinKey: pinyin.key, nameSortKey: pinyin.sortKey, nameInitials: pinyin.initials };
}

export const TEXT_PINYIN_COLUMNS = ["namePinyin"] as const;

/** An organisation's, honour's or congress's pinyin column as every write stores it (the entities' hooks; `npm run pinyin:refresh`). */
export function textPinyinColumns(name: string): Record<(typeof TEXT_PINYIN_COLUMNS)[number], string> {
  return { namePinyin: textPinyin(name) };
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
