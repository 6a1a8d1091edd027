{{/*
A Helm hook Job (pre-install, pre-upgrade) that runs one of LedgerflowOps' one-shot jobs in a service image and
exits: "migrate" (the service's Flyway migrations) or "create-topics" (the registry's topics).
Context: dict "root" $ "key" "calculationService" "component" "calculation-service-migration" "mode" "migrate"
"weight" "-5"; "key" names the values block whose image (and, for migrate, database) the Job uses.
The chart's ServiceAccount does not exist yet before an install, so the Job runs as the namespace's default one
(without its token) unless serviceAccount.create is false and the named account exists.
*/}}
{{- define "ledgerflow.opsJob" -}}
{{- $root := .root -}}
{{- $v := index $root.Values .key -}}
{{- $ctx := dict "root" $root "component" .component -}}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "ledgerflow.componentName" $ctx }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "ledgerflow.componentLabels" $ctx | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: {{ .weight | quote }}
    # kept when it fails (its logs say why), replaced by the next attempt
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: 2
  activeDeadlineSeconds: {{ $root.Values.migrations.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "ledgerflow.componentLabels" $ctx | nindent 8 }}
    spec:
      restartPolicy: Never
      {{- if not $root.Values.serviceAccount.create }}
      serviceAccountName: {{ include "ledgerflow.serviceAccountName" $root }}
      {{- end }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .mode }}
          image: {{ .image | default (include "ledgerflow.image" .) | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          command:
            {{- include "ledgerflow.opsCommand" .mode | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          env:
            - name: LOG_FORMAT
              value: {{ $root.Values.logFormat | quote }}
            - name: JAVA_TOOL_OPTIONS
              value: {{ $root.Values.javaToolOptions | quote }}
            {{- if eq .mode "migrate" }}
            {{- include "ledgerflow.databaseEnv" (dict "root" $root "key" .key) | nindent 12 }}
            {{- else }}
            {{- include "ledgerflow.kafkaEnv" $root | nindent 12 }}
            {{- end }}
          resources:
            {{- toYaml $root.Values.migrations.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- include "ledgerflow.connectionVolumeMounts" $root | nindent 12 }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpVolume.sizeLimit }}
        {{- include "ledgerflow.connectionVolumes" $root | nindent 8 }}
{{- end -}}
