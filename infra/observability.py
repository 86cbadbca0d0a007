"""The stack's alarms, where they go, and the dashboard that shows them (merged into the
template by infra/generate.py; docs/security/runbooks.md says what to do about each).

Alarms reach people: the alarm topic is encrypted with a key of the stack's own whose
policy lets CloudWatch use it (the AWS-managed SNS key cannot grant a service), and the
`AlarmEmail` parameter subscribes the on-call address (SNS asks it to confirm)."""
from __future__ import annotations

APP = "child-support-portal"
NAMESPACE = "ChildSupportPortal"  # the app's own metrics (POWERTOOLS_METRICS_NAMESPACE)
API_STAGE = "api"  # .chalice/config.json's api_gateway_stage on dev and prod


def alarm(description: str, namespace: str, metric: str, dimensions: dict, *,
          threshold: float = 1, statistic: str = "Sum", period: int = 300,
          periods: int = 1, percentile: str | None = None) -> dict:
    """An alarm that fires at or above `threshold`, to the alarm topic; no data is fine."""
    properties: dict = {
        "AlarmDescription": description, "Namespace": namespace, "MetricName": metric,
        "Dimensions": [{"Name": k, "Value": v} for k, v in dimensions.items()],
        "Period": period, "EvaluationPeriods": periods, "DatapointsToAlarm": periods,
        "Threshold": threshold, "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "TreatMissingData": "notBreaching", "AlarmActions": [{"Ref": "AlarmTopic"}]}
    if percentile:
        properties["ExtendedStatistic"] = percentile
    else:
        properties["Statistic"] = statistic
    return {"Type": "AWS::CloudWatch::Alarm", "Properties": properties}


def job_logical(name: str) -> str:
    """A job's function as chalice package names it: payment_due -> JobPaymentDue."""
    return "Job" + "".join(part.capitalize() for part in name.split("_"))


def service_key(description: str, sid: str, service: object, actions: list[str],
                condition: dict) -> dict:
    """A key of the stack's, rotated yearly, that the account administers and one AWS
    service may use (under `condition`)."""
    return {"Type": "AWS::KMS::Key", "Properties": {
        "Description": f"Child support portal: {description}", "EnableKeyRotation": True,
        "KeyPolicy": {"Version": "2012-10-17", "Statement": [
            {"Sid": "Account", "Effect": "Allow",
             "Principal": {"AWS": {"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:root"}},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": sid, "Effect": "Allow", "Principal": {"Service": service},
             "Action": actions, "Resource": "*", "Condition": condition}]}}}


def topic() -> dict:
    """The alarm topic, its key and the on-call subscription."""
    return {
        "AlarmKey": service_key(
            "the alarm topic's messages", "CloudWatchPublishes", "cloudwatch.amazonaws.com",
            ["kms:Decrypt", "kms:GenerateDataKey*"],
            {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}),
        "AlarmTopic": {"Type": "AWS::SNS::Topic", "Properties": {
            "TopicName": {"Fn::Sub": "csp-${Stage}-alarms"},
            "KmsMasterKeyId": {"Ref": "AlarmKey"}}},
        "AlarmTopicPolicy": {"Type": "AWS::SNS::TopicPolicy", "Properties": {
            "Topics": [{"Ref": "AlarmTopic"}],
            "PolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Sid": "CloudWatchAlarms", "Effect": "Allow",
                "Principal": {"Service": "cloudwatch.amazonaws.com"},
                "Action": "sns:Publish", "Resource": {"Ref": "AlarmTopic"},
                "Condition": {"StringEquals": {
                    "aws:SourceAccount": {"Ref": "AWS::AccountId"}}}}]}}},
        "AlarmEmailSubscription": {
            "Type": "AWS::SNS::Subscription", "Condition": "AlarmEmailGiven",
            "Properties": {"TopicArn": {"Ref": "AlarmTopic"}, "Protocol": "email",
                           "Endpoint": {"Ref": "AlarmEmail"}}},
    }


def api_alarms() -> dict:
    """API Gateway's view: a 5XX is an answer the portal failed (Chalice turns a view's
    exception into a 500, which the function's Errors never counts), and the p99 time."""
    api = {"ApiName": APP, "Stage": API_STAGE}
    function = {"FunctionName": {"Ref": "APIHandler"}}
    return {
        "ApiErrorsAlarm": alarm("The API function crashed", "AWS/Lambda", "Errors",
                                function),
        "ApiThrottlesAlarm": alarm("The API function was throttled", "AWS/Lambda",
                                   "Throttles", function),
        "Api5xxAlarm": alarm("The API answered 5 or more requests with a 5XX in 5 minutes",
                             "AWS/ApiGateway", "5XXError", api, threshold=5),
        "ApiLatencyAlarm": alarm("The API's p99 time was over 5 seconds for 15 minutes",
                                 "AWS/ApiGateway", "Latency", api, threshold=5000,
                                 periods=3, percentile="p99"),
        "SignInFailuresAlarm": alarm(
            "200 or more failed sign-ins in 5 minutes: a password-guessing run?", NAMESPACE,
            "SignInFailures", {"service": APP}, threshold=200),
    }


def job_alarms(jobs: dict[str, int]) -> dict:
    """Each job's function: a crash, a run near its time limit, a run that stopped early
    (what is left waits for the next run), an item that failed. `jobs`: name -> timeout
    in seconds."""
    found: dict = {}
    for name, timeout in sorted(jobs.items()):
        logical = job_logical(name)
        function = {"FunctionName": {"Ref": logical}}
        mine = {"service": APP, "job": name}
        found[f"{logical}ErrorsAlarm"] = alarm(
            f"The {name} job's function crashed", "AWS/Lambda", "Errors", function)
        found[f"{logical}DurationAlarm"] = alarm(
            f"A {name} run took more than 80% of its {timeout} s limit", "AWS/Lambda",
            "Duration", function, threshold=timeout * 800, statistic="Maximum")
        found[f"{logical}StoppedEarlyAlarm"] = alarm(
            f"A {name} run stopped before its time limit with items left", NAMESPACE,
            "JobStoppedEarly", mine)
        found[f"{logical}FailuresAlarm"] = alarm(
            f"The {name} job failed on an item", NAMESPACE, "JobFailed", mine)
    return found


def table_alarms(tables: dict[str, dict]) -> dict:
    """DynamoDB throttled reads or writes of a table (the table's own events; the
    ThrottledRequests metric needs an operation too and never fired on the table alone)."""
    found: dict = {}
    for logical, table in tables.items():
        if "Condition" in table:  # not on every stage (the sandbox processor's)
            continue
        name = logical.removesuffix("Table")
        dimensions = {"TableName": table["Properties"]["TableName"]}
        for kind in ("Read", "Write"):
            found[f"{name}{kind}ThrottlesAlarm"] = alarm(
                f"DynamoDB throttled {kind.lower()}s of the {name} table", "AWS/DynamoDB",
                f"{kind}ThrottleEvents", dimensions)
    return found


def money_and_mail_alarms() -> dict:
    """Payments that fail or come back, and email the receivers refuse: SES pauses an
    account whose bounce rate passes 10% or complaint rate 0.5%, so warn well before."""
    settlement = {"service": APP, "job": "settlement"}
    mail = {"ses:configuration-set": {"Ref": "EmailConfigurationSet"}}
    return {
        "PaymentFailuresAlarm": alarm(
            "10 or more payments failed in an hour (declined after all, or no charge)",
            NAMESPACE, "PaymentsFailed", settlement, threshold=10, period=3600),
        "PaymentReturnsAlarm": alarm(
            "5 or more payments were returned by the bank in an hour", NAMESPACE,
            "PaymentsReturned", settlement, threshold=5, period=3600),
        "EmailBounceRateAlarm": alarm(
            "The email bounce rate is 5% or more (SES reviews an account at 10%)", "AWS/SES",
            "Reputation.BounceRate", mail, threshold=0.05, statistic="Maximum", period=3600),
        "EmailComplaintRateAlarm": alarm(
            "The email complaint rate is 0.1% or more (SES reviews an account at 0.5%)",
            "AWS/SES", "Reputation.ComplaintRate", mail, threshold=0.001,
            statistic="Maximum", period=3600),
    }


def dashboard(alarms: dict) -> dict:
    """One CloudWatch dashboard: every alarm's state, and the API's traffic, errors and
    time beside the app's sign-ins, payments and emails."""
    arns = [{"Fn::GetAtt": [name, "Arn"]} for name in sorted(alarms)]
    api = ["AWS/ApiGateway", "Count", "ApiName", APP, "Stage", API_STAGE]
    widgets = [
        {"type": "alarm", "x": 0, "y": 0, "width": 24, "height": 8,
         "properties": {"title": "Alarms", "alarms": "@ALARMS@"}},
        _graph("API requests and 5XX answers", 0, [
            api, ["AWS/ApiGateway", "5XXError", "ApiName", APP, "Stage", API_STAGE]]),
        _graph("API time (p99, ms)", 12, [
            ["AWS/ApiGateway", "Latency", "ApiName", APP, "Stage", API_STAGE,
             {"stat": "p99"}]]),
        _graph("Sign-ins and failures", 0, [
            [NAMESPACE, "SignIns", "service", APP],
            [NAMESPACE, "SignInFailures", "service", APP]], y=14),
        _graph("Emails sent and failed", 12, [
            [NAMESPACE, "EmailsSent", "service", APP],
            [NAMESPACE, "EmailsFailed", "service", APP]], y=14),
    ]
    # the alarm ARNs and the region are the stack's: the body is a Fn::Join around them
    alarm_list: list = ["["]
    for i, arn in enumerate(arns):
        alarm_list += ['"', arn, '"' + ("," if i < len(arns) - 1 else "")]
    alarm_list.append("]")
    parts = _filled(_json(widgets), {'"@ALARMS@"': alarm_list,
                                     "@REGION@": [{"Ref": "AWS::Region"}]})
    return {"Dashboard": {"Type": "AWS::CloudWatch::Dashboard", "Properties": {
        "DashboardName": {"Fn::Sub": "csp-${Stage}"},
        "DashboardBody": {"Fn::Join": ["", parts]}}}}


def _filled(text: str, values: dict[str, list]) -> list:
    """The text as Fn::Join parts, each placeholder replaced by its parts."""
    parts: list = [text]
    for placeholder, value in values.items():
        out: list = []
        for part in parts:
            if not isinstance(part, str):
                out.append(part)
                continue
            pieces = part.split(placeholder)
            for i, piece in enumerate(pieces):
                out.append(piece)
                if i < len(pieces) - 1:
                    out += value
        parts = out
    return [p for p in parts if p != ""]


def _graph(title: str, x: int, metrics: list, y: int = 8) -> dict:
    return {"type": "metric", "x": x, "y": y, "width": 12, "height": 6, "properties": {
        "title": title, "metrics": metrics, "period": 300, "stat": "Sum",
        "region": "@REGION@", "view": "timeSeries"}}


def _json(value: object) -> str:
    import json

    return json.dumps({"widgets": value}, separators=(",", ":"))


def logs(jobs: list[str]) -> dict:
    """Every function's log group encrypted with a key of the stack's (chalice makes the
    groups, with the stage's log_retention_in_days, and this merges into them), the API's
    traced by X-Ray, and its access log kept beside them. Chalice names the API
    function's group after `ApiHandler` while the function is `APIHandler`: set right
    here."""
    groups = ([f"{job_logical(name)}LogGroup" for name in jobs] + ["MailRelayLogGroup", "MailDeliverLogGroup", "PublicWorkLogGroup",
                                                             "AuditWriterLogGroup", "BankReturnsLogGroup",
                 "ApiHandlerLogGroup"])
    encrypted = {"KmsKeyId": {"Fn::GetAtt": ["LogsKey", "Arn"]}}
    found: dict = {group: {"Properties": dict(encrypted)} for group in groups}
    found["ApiHandlerLogGroup"]["Properties"]["LogGroupName"] = {
        "Fn::Sub": "/aws/lambda/${APIHandler}"}
    found["LogsKey"] = service_key(
        "the functions' and the API's logs", "CloudWatchLogs",
        {"Fn::Sub": "logs.${AWS::Region}.amazonaws.com"},
        ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*",
         "kms:Describe*"],
        {"ArnLike": {"kms:EncryptionContext:aws:logs:arn": {
            "Fn::Sub": "arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"}}})
    found["ApiAccessLogs"] = {"Type": "AWS::Logs::LogGroup", "Properties": {
        "LogGroupName": {"Fn::Sub": "/csp/${Stage}/api-access"},
        "RetentionInDays": {"Fn::If": ["ProdStage", 365, 30]}, **encrypted}}
    # API Gateway writes logs through the account's role for it (one per account/region)
    found["ApiGatewayLogsRole"] = {"Type": "AWS::IAM::Role", "Properties": {
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
            "Action": "sts:AssumeRole"}]},
        "ManagedPolicyArns": [{"Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/"
                                          "AmazonAPIGatewayPushToCloudWatchLogs"}]}}
    found["ApiGatewayAccount"] = {"Type": "AWS::ApiGateway::Account", "Properties": {
        "CloudWatchRoleArn": {"Fn::GetAtt": ["ApiGatewayLogsRole", "Arn"]}}}
    access = ('{"requestId":"$context.requestId","ip":"$context.identity.sourceIp",'
              '"time":"$context.requestTime","method":"$context.httpMethod",'
              '"path":"$context.resourcePath","status":"$context.status",'
              '"bytes":"$context.responseLength","ms":"$context.responseLatency"}')
    found["RestAPI"] = {"DependsOn": ["ApiGatewayAccount"], "Properties": {
        "TracingEnabled": True,
        "AccessLogSetting": {"DestinationArn": {"Fn::GetAtt": ["ApiAccessLogs", "Arn"]},
                             "Format": access}}}
    return found
