/** The index in an allocation name `job.group[3]`. */
export const allocIndexOf = (name: string): number => Number(/\[(\d+)\]$/.exec(name)?.[1] ?? -1);
