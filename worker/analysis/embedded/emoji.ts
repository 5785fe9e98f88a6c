/** Valences for emoji and text emoticons, which often carry the whole sentiment of a chat message. */

const EMOJI_GROUPS: readonly (readonly [number, string])[] = [
  [3, "😍 🥰 🤩 🥳 ❤ 💕 💖 💗 💓 💞 💘 💝 😻"],
  [2.4, "😀 😃 😄 😁 😆 😊 ☺ 😘 🤗 🎉 🎊 🙌 👏 👍 💯 🏆 💙 💚 💛 💜 🧡 🤍 💟"],
  [1.6, "🙂 😉 😇 😌 😋 😎 😗 😙 😚 😺 😸 🤣 😂 👌 ✌ 💪 ✨ 🌟 ⭐ 🔥 🎈 🥂 🍾 🤝 ✅ 🌹 🌸 ☀ 😛 😜 😝 🙏"],
  [1, "😅 😏 🤞 💀 🤓 🙆"],
  [-0.8, "😐 😑 😶 😬 😳 🤷 😪 😴 🥺 😮 😯 🤨 😭"],
  [-1.6, "😕 🙁 ☹ 😟 😦 😧 😓 😵 🤒 🤕 😷 ❌ 🚫 ⚠ 🤦 😩"],
  [-2.4, "😞 😔 😢 😫 😖 😣 😒 🙄 😨 😰 😱 😿 👎 💩 🤢 🤮 😤"],
  [-3, "😠 😡 🤬 💔 🖕"],
];

const EMOJI = new Map<string, number>();
for (const [v, list] of EMOJI_GROUPS) for (const e of list.split(" ")) EMOJI.set(e, v);

const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu;

export function emojiValence(raw: string): number {
  const direct = EMOJI.get(raw);
  if (direct !== undefined) return direct;
  // Skin tones and variation selectors do not change the meaning.
  const base = raw.replace(EMOJI_MODIFIERS, "");
  const v = EMOJI.get(base);
  if (v !== undefined) return v;
  // Multi-person sequences (families, couples) carry no clear sentiment.
  return EMOJI.get([...base][0] ?? "") ?? 0;
}

/** Classifies an emoticon by its mouth rather than listing every nose/eye variant. */
export function emoticonValence(raw: string): number {
  if (raw === "<3") return 3;
  if (raw === "</3" || raw === "<\\3") return -2.6;
  if (raw.includes("'")) return raw.endsWith("(") ? -2.6 : 2; // crying / tears of joy
  if (/^\^_*\^$/.test(raw)) return 2;
  if (raw === "T_T" || raw === "T.T") return -2.4;
  if (raw === "-_-" || raw === "-.-") return -1.6;
  if (raw === ">_<" || raw === ">.<") return -1.6;
  if (/^o_O$|^O_o$/.test(raw)) return -0.6;
  const first = raw[0] ?? "";
  if (first === ")" || first === "]") return -2; // reversed sad "):"
  if (first === "(" || first === "[") return 2; // reversed happy "(:"
  const mouth = raw[raw.length - 1] ?? "";
  if (")]}D3*".includes(mouth)) return mouth === "D" ? 2.6 : 2;
  if ("pP".includes(mouth)) return 1.4;
  if ("([{".includes(mouth)) return -2;
  if ("/\\|".includes(mouth)) return -1;
  if ("oO@".includes(mouth)) return -0.4;
  return 0;
}
