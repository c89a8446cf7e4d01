/** The text with its first character in upper case ("the model…" → "The model…"). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
