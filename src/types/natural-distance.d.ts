// natural is imported by file, not by its index: the index pulls in storage
// back-ends that load dotenv and print notices on the console.
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  function JaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean }): number;
  export = JaroWinklerDistance;
}
