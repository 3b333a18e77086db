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
  terminal.sendSigint();
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

it.each<{ how: string; answer: (terminal: ReturnType<typeof fakeTerminal>) => void }>([
  { how: "yes", answer: (t) => t.type("yes\r") },
  { how: "Ctrl-C", answer: (t) => t.type(CTRL_C) },
  { how: "a SIGINT", answer: (t) => t.sendSigint() },
  { how: "end of input", answer: (t) => t.endInput() },
])(
  "listens for SIGINT only while it asks, leaving no listener behind once answered with $how",
  async ({ answer }) => {
    const terminal = fakeTerminal();
    expect(terminal.sigintListeners()).toBe(0);
    const asked = confirmOnTerminal(QUESTION, terminal.streams);
    await terminal.whenShown(QUESTION);
    expect(terminal.sigintListeners()).toBe(1);
    answer(terminal);
    await asked;
    expect(terminal.sigintListeners()).toBe(0);
  },
);

it("listens for the process's own SIGINT when given no stand-in", async () => {
  const terminal = fakeTerminal();
  const before = process.listenerCount("SIGINT");
  const asked = confirmOnTerminal(QUESTION, {
    input: terminal.streams.input,
    output: terminal.streams.output,
  });
  await terminal.whenShown(QUESTION);
  expect(process.listenerCount("SIGINT")).toBe(before + 1);
  expect(terminal.sigintListeners()).toBe(0);
  terminal.type("no\r");
  expect(await asked).toBe(false);
  expect(process.listenerCount("SIGINT")).toBe(before);
});
