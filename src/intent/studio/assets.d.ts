/** Style sheets imported as text (`with { type: "text" }`), embedded in the binary by `bun build`. */
declare module "*.css" {
  const text: string;
  export default text;
}
