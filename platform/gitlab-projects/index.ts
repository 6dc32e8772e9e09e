import { beluga } from "../instance";
import { gitlabProjectsStack } from "./gitlab-projects-stack";

export = gitlabProjectsStack(beluga).outputs;
