// Narrow hand-written types for untyped dependencies (only what Vivant calls).

declare module "rdf-canonize" {
  interface CanonizeOptions {
    algorithm: "RDFC-1.0" | "URDNA2015";
    format?: "application/n-quads";
  }
  export function canonize(input: unknown, options: CanonizeOptions): Promise<string>;
  const rdfCanonize: { canonize: typeof canonize };
  export default rdfCanonize;
}
