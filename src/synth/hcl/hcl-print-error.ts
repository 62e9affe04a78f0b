/** The configuration holds something the HCL printer cannot write faithfully; `path` says where. */
export class HclPrintError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`cannot write ${path} as HCL: ${problem}`);
    this.name = 'HclPrintError';
  }
}
