// Replaced by the foundation's database harness; for now nothing to set up.
export default async function setup(): Promise<void> {}
