import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
  Cell,
  CellText,
  ColumnConfig,
  Flex,
  Table,
} from '@backstage/ui';
import { PatternFile } from '@orkspace/backstage-plugin-orkestra-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { orkestraApiRef } from '../../api';
import { formatSize, LoadError, shortDigest } from '../signals';
import { FileViewer } from './FileViewer';
import { Section } from './Section';

type FileRow = PatternFile & { id: string };

function fileColumns(onOpen: (name: string) => void): ColumnConfig<FileRow>[] {
  return [
    {
      id: 'name',
      label: 'Name',
      isRowHeader: true,
      cell: file => (
        <Cell>
          <Button
            variant="tertiary"
            size="small"
            aria-label={`Show ${file.name}`}
            onPress={() => onOpen(file.name)}
          >
            {file.name}
          </Button>
        </Cell>
      ),
    },
    {
      id: 'size',
      label: 'Size',
      cell: file => <CellText title={formatSize(file.size)} />,
    },
    {
      id: 'digest',
      label: 'Digest',
      cell: file => <CellText title={shortDigest(file.digest)} />,
    },
  ];
}

const FileList = (props: {
  patternId: string;
  version: string;
  files: PatternFile[];
}) => {
  const readme = props.files.find(f => /^readme\.md$/i.test(f.name));
  const [selected, setSelected] = useState<string | undefined>(readme?.name);
  return (
    <Flex direction="column" gap="3">
      <Table
        columnConfig={fileColumns(setSelected)}
        data={props.files.map(f => ({ ...f, id: f.name }))}
        pagination={{ type: 'none' }}
      />
      {selected && (
        <FileViewer
          patternId={props.patternId}
          version={props.version}
          name={selected}
        />
      )}
    </Flex>
  );
};

/** The files of one version; README.md opens first. */
export const FilesSection = (props: { patternId: string; version: string }) => {
  const orkestraApi = useApi(orkestraApiRef);
  const { patternId, version } = props;
  const { loading, error, value } = useAsync(
    async () => (await orkestraApi.listFiles(patternId, version)).items,
    [orkestraApi, patternId, version],
  );
  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <LoadError title="Could not load the files" error={error} />;
  } else if (!value?.length) {
    body = <EmptyState missing="data" title={`${version} has no files`} />;
  } else {
    body = <FileList patternId={patternId} version={version} files={value} />;
  }
  return <Section title={`Files of ${version}`}>{body}</Section>;
};
