/**
 * The AWS partition a region belongs to, which is the second field of every ARN in it
 * (docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
const PARTITION_BY_REGION_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

export function partitionForRegion(region: string): string {
  const match = PARTITION_BY_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix));
  return match ? match[1] : 'aws';
}
