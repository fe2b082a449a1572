/**
 * The Bedrock model the local stack names in its requests: the stages' configured one (cdk.json's
 * `bedrockModelId`; a test keeps the two equal). Locally it is only a name in the request path.
 */
export const localBedrockModelId = 'anthropic.claude-3-haiku-20240307-v1:0';
