import { expect, it } from "vitest";
import { confirmOnTerminal } from "../src/confirm.js";
import { CTRL_C, fakeTerminal } from "./helpers/fake-terminal.js";

const QUESTION = "Apply 1 update to 1 provider? Only 'yes' will be accepted:";

it.each([
  { person: "types yes", keys: "yes\r", answer: true },
  { person: "types yes with spaces around it", keys: "  yes \r", answer: true },
  { person: "types y", keys: "y\r", answer: false },
  { person: "types YES", keys: "YES\r", answer: false },
  { person: "just presses Enter", keys: "\r", answer: false },
  { person: "presses Ctrl-C", keys: CTRL_C, answer: "interrupted" },
  { person: "presses Ctrl-C after typing part of yes", keys: `ye${CTRL_C}`, answer: "interrupted" },
  { person: "closes the input", keys: undefined, answer: false },
])("answers $answer when the person $person", async ({ keys, answer }) => {
  const terminal = fakeTerminal();
  const asked = confirmOnTerminal(QUESTION, terminal.streams);
  await terminal.whenShown(QUESTION);
  if (keys === undefined) terminal.endInput();
  else terminal.type(keys);
  expect(await asked).toBe(answer);
});

it("answers interrupted when SIGINT reaches the process while it asks (kill -INT, a terminal not in raw mode)", async () => {
  const terminal = fakeTerminal();
  const asked = confirmOnTerminal(QUESTION, terminal.streams);
  await terminal.whenShown(QUESTION);
  process.kill(process.pid, "SIGINT");
  expect(await asked).toBe("interrupted");
});

it("ends the prompt's line on Ctrl-C, so the message after it starts a line of its own", async () => {
  const terminal = fakeTerminal();
  const asked = confirmOnTerminal(QUESTION, terminal.streams);
  await terminal.whenShown(QUESTION);
  terminal.type(CTRL_C);
  await asked;
  expect(terminal.shown().endsWith("\n")).toBe(true);
});

it("leaves no SIGINT listener behind once answered", async () => {
  const before = process.listenerCount("SIGINT");
  const terminal = fakeTerminal();
  const asked = confirmOnTerminal(QUESTION, terminal.streams);
  await terminal.whenShown(QUESTION);
  expect(process.listenerCount("SIGINT")).toBe(before + 1);
  terminal.type(CTRL_C);
  await asked;
  expect(process.listenerCount("SIGINT")).toBe(before);
});
