/**
 * Names people give things (organizations, chatbots, members, keys, labels, reports, workflows, destinations,
 * custom definitions): shown in the dashboard, in emails' subjects and in chat messages, so a control character
 * (a line break, a tab, a NUL) is refused with the field named rather than stored to break them later.
 */
import { z } from "zod";

/**
 * No character of Unicode's Cc category (U+0000–U+001F, U+007F–U+009F), nor a bidirectional embedding, override
 * or isolate (U+202A–U+202E, U+2066–U+2069), which reorders how the rest of a name, or a subject line after it,
 * is displayed ("Trojan Source"); marks such as U+200F that right-to-left names need stay allowed. Written
 * without the `u` flag so the OpenAPI document can carry it as a plain `pattern`.
 */
const CONTROL_RANGES = "\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069";
export const NO_CONTROL_CHARACTERS = new RegExp(`^[^${CONTROL_RANGES}]*$`);

/** A name stored before a rule refused what it holds, made displayable: each such character read as a space. */
export const withoutControlCharacters = (text: string) => text.replace(new RegExp(`[${CONTROL_RANGES}]`, "g"), " ");

/** Half of a surrogate pair without its other half: JSON can carry it ("\ud800"), but it is no character, and storing it turns it into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// Trimmed first, so a value of spaces or line breaks alone is told it is blank, not that it is "too small".
export const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "must not be blank (spaces, tabs and line breaks alone are trimmed away)")
    .max(max)
    .regex(NO_CONTROL_CHARACTERS, "must not contain control characters (line breaks, tabs, NUL) or text-direction overrides")
    .refine((name) => !LONE_SURROGATE.test(name), "must be valid Unicode text (half of a surrogate pair, such as \\ud800, is no character)");
