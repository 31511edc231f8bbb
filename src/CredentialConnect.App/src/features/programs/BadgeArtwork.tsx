import { api } from '../../api/client';
import { fileForm, ImageUpload } from '../../components/ImageUpload';

/** The program's badge image: the current one, and an upload that replaces it. */
export function BadgeArtwork({ programId, readOnly }: { programId: string; readOnly: boolean }) {
  const send = async (file: File) => {
    const { data, error } = await api.PUT('/api/v1/programs/{id}/artwork', { params: { path: { id: programId } }, ...fileForm(file) });
    if (error) throw error;
    return data;
  };
  return (
    <ImageUpload name="artwork" what="badge artwork" src={`/api/v1/programs/${programId}/artwork`} alt="Current badge artwork" readOnly={readOnly} send={send}
      missing="No artwork uploaded: badges use the generated disc in the program's colour." uploaded="Artwork uploaded: badges now use it." />
  );
}
