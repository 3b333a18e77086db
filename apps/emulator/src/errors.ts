/** Bad input to the emulator itself (options, flags, seed files, admin calls): a message, no stack. */
export class EmulatorInputError extends Error {
  override name = "EmulatorInputError";
}
